import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FormRules } from 'element-plus'
import { recordComplaint, type Complaint, type ComplaintChannel } from '@/api/complaints'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { pickerToInstant } from '@/views/afterschool/shared/format'
import { formatDateTime } from '@/utils/time'
import { MOBILE, contentRule } from './rules'

export interface RecordFields {
  channel: ComplaintChannel
  /// Beijing wall time `YYYY-MM-DD HH:mm:ss`
  received_at: string
  anonymous: boolean
  contact: string
  /// 'registered': an institution of the registry; 'unlicensed': a name and an address
  target: 'registered' | 'unlicensed'
  institution_id: number | null
  operator_name: string
  operator_address: string
  content: string
}

const FIELDS = [
  'channel',
  'received_at',
  'anonymous',
  'contact',
  'target',
  'institution_id',
  'operator_name',
  'operator_address',
  'content',
] as const

/// 登记举报: a phone call or letter taken by the county's staff — when it came in (Beijing time, never in the
/// future; the server checks), anonymous or with a mobile, about a registered institution of the county or an
/// unlicensed operator's name and address, and what was said. The server is the judge; these rules spare a
/// round trip and its refusals go under the field they name.
export function useRecordForm(unitCode: string, onDone: (k: Complaint) => void) {
  const { t } = useI18n()
  const form = reactive<RecordFields>({
    channel: 'phone',
    received_at: formatDateTime(Date.now()),
    anonymous: false,
    contact: '',
    target: 'registered',
    institution_id: null,
    operator_name: '',
    operator_address: '',
    content: '',
  })
  const { run, ...state } = useServerForm(form, FIELDS)

  const rules = computed<FormRules<RecordFields>>(() => ({
    received_at: required(t('cmp.record.receivedAtRequired'), 'change'),
    contact: form.anonymous
      ? []
      : [
          { required: true, message: t('cmp.record.contactRequired'), trigger: 'blur' },
          { pattern: MOBILE, message: t('cmp.record.contactBad'), trigger: 'blur' },
        ],
    institution_id: form.target === 'registered' ? required(t('cmp.record.institutionRequired'), 'change') : [],
    operator_address: form.target === 'unlicensed' ? required(t('cmp.record.operatorAddressRequired')) : [],
    content: [required(t('cmp.record.contentLength'))[0], contentRule(t('cmp.record.contentLength'))],
  }))

  const submit = () =>
    run(async () => {
      const registered = form.target === 'registered'
      const k = await recordComplaint({
        unit_code: unitCode,
        channel: form.channel,
        received_at: pickerToInstant(form.received_at),
        anonymous: form.anonymous,
        contact: form.anonymous ? undefined : form.contact.trim(),
        institution_id: registered && form.institution_id ? form.institution_id : undefined,
        operator_name: registered ? undefined : form.operator_name.trim() || undefined,
        operator_address: registered ? undefined : form.operator_address.trim(),
        content: form.content.trim(),
      })
      onDone(k)
    })

  /// No day after today (Beijing) can be picked: a complaint cannot come in the future. The picker's days are
  /// the device's local midnights, read as calendar days.
  const disabledDate = (d: Date) => {
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    return day > formatDateTime(Date.now()).slice(0, 10)
  }

  return { form, rules, submit, disabledDate, ...state }
}
