import type { MessageSchema } from './zh-CN'
import common from './en/common'
import org from './en/org'
import family from './en/family'
import afterschool from './en/afterschool'
import afterschoolOps from './en/afterschoolOps'
import institutions from './en/institutions'
import institutionsOps from './en/institutionsOps'
import complaints from './en/complaints'
import messages from './en/messages'
import homework from './en/homework'
import homeworkReports from './en/homeworkReports'
import enrollment from './en/enrollment'
import enrollmentReports from './en/enrollmentReports'
import providers from './en/providers'
import custody from './en/custody'

/// English — typed against zh-CN.ts, so a missing or extra key fails `npm run build`.
/// Each module lives in ./en/<module>.ts; this file only assembles them.
const en: MessageSchema = {
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

export default en
