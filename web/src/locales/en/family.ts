import type { MessageSchema } from '../zh-CN'

/// English — family portal.
/// Typed against zh-CN, so a missing or extra key fails the build.
const family: Pick<MessageSchema, 'family' | 'familyPrepaid'> = {
  family: {
    title: 'My children',
    intro: "Your children's school details, and what you have agreed to. You can switch any consent off at any time; the school then stops using that information for it.",
    none: 'No child is linked to your account yet. Please ask your child’s school.',
    retry: 'Try again',
    consents: 'Consents',
    consentsIntro: 'Read each one, then choose. Switching one on means you have read and agree to that notice.',
    purpose: {
      afterschool: 'After-school services',
      custody: 'Summer day care',
      homework_report: 'Homework feedback',
      enrollment_extra: 'Extra enrolment documents',
      photo: 'Activity photos',
    },
    notice: {
      afterschool: "The school uses your child's name, class and attendance to arrange after-school services, take the register and charge fees.",
      custody: "When you sign up for summer day care, the school and the care site use your child's name, class and the health notes you give.",
      homework_report: 'The time your child spends on homework each day, as you report it, is added up by the school to adjust the amount of homework; no one child is shown.',
      enrollment_extra: 'For school enrolment, the education bureau checks the household, property or residence documents you submit.',
      photo: 'The school may show activity photos with your child at school and on its official account.',
    },
    granted: 'Agreed (notice version {version}, {time})',
    notGranted: 'Not agreed · notice version {version}',
    grantedToast: 'Consent given',
    withdrawnToast: 'Consent withdrawn',
  },
  familyPrepaid: {
    title: 'Prepaid classes',
    intro: 'What you prepaid to a training institution is held in escrow by the bank. After each class the institution asks you to confirm it; only then is that class paid to the institution.',
    empty: 'You have no prepaid orders.',
    contract: 'Contract {no} · paid {date}',
    paid: 'Paid',
    held: 'Held in escrow',
    used: 'Hours used',
    left: 'Hours left',
    hours: '{n} h',
    hoursOf: '{n} / {total} h',
    unitPrice: 'Price per class hour ¥ {price}',
    waitingTitle: 'Waiting for your answer ({n})',
    classHours: '{n} h · ¥ {amount}',
    autoNote: 'If you do not answer by {date}, the class counts as delivered and is paid to the institution automatically.',
    confirm: 'Class took place',
    dispute: 'Dispute',
    confirmAsk: 'Confirm that {hours} h were taught on {date}? The class is then paid to the institution.',
    confirmDone: 'Confirmed; the class has been paid to the institution',
    disputeDone: 'Dispute sent; the money stays in escrow until mediation',
    disputeTitle: 'Dispute this class',
    disputePlaceholder: 'A short reason, e.g. there was no class that day',
    disputeHint: 'The money for this class stays in escrow; the education bureau mediates.',
    disputeSubmit: 'Send dispute',
    answeredTitle: 'Answered classes',
    noClasses: 'No classes yet.',
    status: {
      requested: 'Waiting',
      confirmed: 'Confirmed',
      auto_confirmed: 'Auto-confirmed',
      released: 'Paid out',
      disputed: 'Disputed',
      cancelled: 'Withdrawn',
    },
  },
}

export default family
