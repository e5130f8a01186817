/// 简体中文 — family portal. Assembled by ../zh-CN.ts, the source of truth for the keys.
const family = {
  family: {
    title: '我的孩子',
    intro: '孩子的在校信息，以及您对各项事务的同意。同意可以随时关闭，关闭后学校将不再为该事项使用相关信息。',
    none: '您的账号还没有关联孩子。如有疑问，请联系孩子所在学校。',
    retry: '重试',
    consents: '同意事项',
    consentsIntro: '请逐项阅读后选择。打开开关即表示您已阅读并同意该告知书。',
    purpose: {
      afterschool: '课后服务',
      custody: '暑期托管',
      homework_report: '作业情况反馈',
      enrollment_extra: '入学补充材料',
      photo: '活动照片',
    },
    notice: {
      afterschool: '学校使用孩子的姓名、班级和出勤记录，安排课后服务、点名和收费。',
      custody: '报名暑期托管时，学校和托管点使用孩子的姓名、班级和您填写的健康提示。',
      homework_report: '您填写的孩子每天完成作业用时，学校汇总后用于调整作业量，不公开到个人。',
      enrollment_extra: '办理入学时，教育部门核验您提交的户籍、房产或居住证明。',
      photo: '学校可在校内展示和学校公众号上使用有孩子的活动照片。',
    },
    granted: '已同意（告知书 {version} 版，{time}）',
    notGranted: '未同意 · 告知书 {version} 版',
    grantedToast: '已同意',
    withdrawnToast: '已撤回同意',
  },
}

export default family
