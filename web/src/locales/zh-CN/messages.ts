/// 简体中文 — notices, not-found page, request errors. Assembled by ../zh-CN.ts, the source of truth for the keys.
const messages = {
  notice: {
    title: '消息',
    bell: '消息，{n} 条未读',
    none: '暂无消息',
    readAll: '全部已读',
    unread: '未读',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在，可能地址有误或页面已被移除。',
    backHome: '返回工作台',
    goBack: '返回上一页',
  },
  request: {
    unauthorized: '请登录',
    forbidden: '没有权限执行此操作',
    serverError: '服务器错误，请稍后再试（请求号 {requestId}）',
    serverErrorNoId: '服务器错误，请稍后再试',
    network: '网络连接失败，请检查网络后重试',
    timeout: '请求超时，请稍后再试',
    tooLarge: '提交的内容过大',
    failed: '请求失败（HTTP {status}）',
  },
}

export default messages
