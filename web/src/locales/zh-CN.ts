import common from './zh-CN/common'
import org from './zh-CN/org'
import family from './zh-CN/family'
import afterschool from './zh-CN/afterschool'
import afterschoolOps from './zh-CN/afterschoolOps'
import institutions from './zh-CN/institutions'
import institutionsOps from './zh-CN/institutionsOps'
import complaints from './zh-CN/complaints'
import messages from './zh-CN/messages'
import homework from './zh-CN/homework'
import homeworkReports from './zh-CN/homeworkReports'
import enrollment from './zh-CN/enrollment'
import enrollmentReports from './zh-CN/enrollmentReports'
import providers from './zh-CN/providers'
import custody from './zh-CN/custody'

/// 简体中文 — the source of truth: en.ts must have exactly these keys (checked by vue-tsc).
/// Each module lives in ./zh-CN/<module>.ts; this file only assembles them.
const zhCN = {
  ...common,
  ...org,
  ...family,
  ...afterschool,
  ...afterschoolOps,
  ...institutions,
  ...institutionsOps,
  ...complaints,
  ...messages,
  ...homework,
  ...homeworkReports,
  ...enrollment,
  ...enrollmentReports,
  ...providers,
  ...custody,
}

export type MessageSchema = typeof zhCN
export default zhCN
