import type { MessageSchema } from '../zh-CN'

/// English — notices, not-found page, request errors.
/// Typed against zh-CN, so a missing or extra key fails the build.
const messages: Pick<MessageSchema, 'notice' | 'notFound' | 'request'> = {
  notice: {
    title: 'Notices',
    bell: 'Notices, {n} unread',
    none: 'No notices',
    readAll: 'Mark all read',
    unread: 'Unread',
  },
  notFound: {
    title: 'Page not found',
    description: 'The page you asked for does not exist. The address may be wrong, or the page was removed.',
    backHome: 'Back to the dashboard',
    goBack: 'Go back',
  },
  request: {
    unauthorized: 'Please log in',
    forbidden: 'You do not have permission to do this',
    serverError: 'Server error, please try again later (request {requestId})',
    serverErrorNoId: 'Server error, please try again later',
    network: 'Network error: check your connection and try again',
    timeout: 'The request timed out, please try again later',
    tooLarge: 'What you sent is too large',
    failed: 'Request failed (HTTP {status})',
  },
}

export default messages
