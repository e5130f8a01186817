import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FormRules } from 'element-plus'
import {
  actOnCase,
  type DecisionInput,
  type DecisionKind,
  type InspectionCase,
  type PenaltyKind,
} from '@/api/institutions'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { toApiError } from '@/utils/apiError'
import { toFen, todayText } from '../shared/format'

export interface DecisionFields {
  kind: DecisionKind | ''
  issuing_authority: string
  legal_basis: string
  issued_on: string
  rectify_by: string | null
  penalty: PenaltyKind | ''
  /// yuan as typed; sent as integer fen
  fine_yuan: number | null
  note: string
}

const FIELDS = ['kind', 'issuing_authority', 'legal_basis', 'issued_on', 'rectify_by', 'penalty', 'fine_yuan', 'note'] as const
/// The server names the decision's fields with or without the `decision.` prefix, and the fine in fen.
const ALIASES = {
  'decision.kind': 'kind',
  'decision.issuing_authority': 'issuing_authority',
  'decision.legal_basis': 'legal_basis',
  'decision.issued_on': 'issued_on',
  'decision.rectify_by': 'rectify_by',
  'decision.penalty': 'penalty',
  'decision.fine_fen': 'fine_yuan',
  fine_fen: 'fine_yuan',
} as const

/// 下达处理决定 (R6.4): the kind, the issuing authority and legal basis, the issue date, a deadline for
/// rectification and suspension (after the issue date), and for a penalty its kind and — for a fine — the
/// amount in yuan, sent as integer fen. The server is the judge; these rules only spare a round trip.
export function useDecisionForm(caseId: number, onDone: (k: InspectionCase) => void, onStale: () => void) {
  const { t } = useI18n()
  const form = reactive<DecisionFields>({
    kind: '',
    issuing_authority: '',
    legal_basis: '',
    issued_on: todayText(),
    rectify_by: null,
    penalty: '',
    fine_yuan: null,
    note: '',
  })
  const { run, ...state } = useServerForm(form, FIELDS, ALIASES)
  const needsDeadline = computed(() => form.kind === 'rectify_by_date' || form.kind === 'suspend')
  const isPenalty = computed(() => form.kind === 'penalty')
  const isFine = computed(() => isPenalty.value && form.penalty === 'fine')

  const rules = computed<FormRules<DecisionFields>>(() => ({
    kind: required(t('inst.decision.kindRequired'), 'change'),
    issuing_authority: required(t('inst.decision.authorityRequired')),
    legal_basis: required(t('inst.decision.basisRequired')),
    issued_on: required(t('inst.decision.issuedOnRequired'), 'change'),
    ...(needsDeadline.value ? { rectify_by: required(t('inst.decision.rectifyByRequired'), 'change') } : {}),
    ...(isPenalty.value ? { penalty: required(t('inst.decision.penaltyRequired'), 'change') } : {}),
    ...(isFine.value ? { fine_yuan: required(t('inst.decision.fineRequired'), 'change') } : {}),
  }))

  /// A deadline on or before the issue date cannot be picked.
  const notAfterIssue = (d: Date): boolean => {
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    return Boolean(form.issued_on) && day <= form.issued_on
  }

  function decision(): DecisionInput {
    return {
      kind: form.kind as DecisionKind,
      issuing_authority: form.issuing_authority.trim(),
      legal_basis: form.legal_basis.trim(),
      issued_on: form.issued_on,
      rectify_by: form.rectify_by || null,
      penalty: isPenalty.value && form.penalty ? form.penalty : null,
      fine_fen: isFine.value && form.fine_yuan !== null ? toFen(form.fine_yuan) : null,
    }
  }

  const submit = () =>
    run(async () => {
      try {
        onDone(await actOnCase(caseId, { event: 'issue_decision', note: form.note.trim() || undefined, decision: decision() }))
      } catch (e) {
        // The case moved on meanwhile: the page behind refreshes its buttons; the message stays in the form.
        if (toApiError(e).status === 409) onStale()
        throw e
      }
    })

  return { ...state, form, rules, needsDeadline, isPenalty, isFine, notAfterIssue, submit }
}
