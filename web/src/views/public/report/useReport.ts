import { computed, onMounted, reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FormRules } from 'element-plus'
import {
  listPublicCounties,
  submitPublicComplaint,
  type County,
  type PublicComplaintInput,
  type PublicInstitution,
  type PublicReceipt,
} from '@/api/complaints'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { errorText, toApiError } from '@/utils/apiError'
import { MOBILE, charCount, contentRule } from '@/views/institutions/complaints/rules'

export interface ReportFields {
  unit_code: string
  /// 'registered': found in the look-up; 'unlicensed': a name and an address
  target: 'registered' | 'unlicensed'
  chosen: PublicInstitution | null
  operator_name: string
  operator_address: string
  anonymous: boolean
  contact: string
  content: string
}

/// The server's field names; `institution_id` is about the chosen institution.
const FIELDS = ['unit_code', 'target', 'chosen', 'operator_name', 'operator_address', 'anonymous', 'contact', 'content'] as const
const ALIASES = { institution_id: 'chosen' } as const

/// The complaint as sent. An institution found in the look-up is named by its id, in the county it is
/// registered in; an unlicensed operator by a name and an address.
export function complaintBody(f: ReportFields): PublicComplaintInput {
  const body: PublicComplaintInput = {
    unit_code: f.unit_code,
    anonymous: f.anonymous,
    contact: f.anonymous ? undefined : f.contact.trim(),
    content: f.content.trim(),
  }
  if (f.target === 'registered' && f.chosen) {
    body.institution_id = f.chosen.id
    body.unit_code = f.chosen.unit_code
  } else {
    body.operator_name = f.operator_name.trim() || undefined
    body.operator_address = f.operator_address.trim()
  }
  return body
}

/// 我要举报 (`/public/report`, no log-in): the county (from the server's list), the institution found in the
/// public look-up or an unlicensed operator's name and address, anonymous or with a mobile, and what happened
/// (10–2000 characters). A 422 goes under the field it names; a 429 (5 an hour from one address) is said
/// plainly; success shows the number and the due date.
export function useReport() {
  const { t } = useI18n()
  const counties = shallowRef<County[]>([])
  const countiesError = ref('')
  const form = reactive<ReportFields>({
    unit_code: '',
    target: 'registered',
    chosen: null,
    operator_name: '',
    operator_address: '',
    anonymous: false,
    contact: '',
    content: '',
  })
  const { run, ...state } = useServerForm(form, FIELDS, ALIASES)
  const tooMany = ref(false)
  const receipt = ref<PublicReceipt | null>(null)
  /// Whether the receipt is for an anonymous complaint (no reply will come).
  const receiptAnonymous = ref(false)
  const contentLength = computed(() => charCount(form.content))

  const rules = computed<FormRules<ReportFields>>(() => ({
    unit_code: required(t('pub.report.countyRequired'), 'change'),
    chosen: form.target === 'registered' ? [{ required: true, message: t('pub.report.chooseRequired'), trigger: 'change' }] : [],
    operator_address: form.target === 'unlicensed' ? required(t('pub.report.operatorAddressRequired')) : [],
    contact: form.anonymous
      ? []
      : [
          { required: true, message: t('pub.report.contactRequired'), trigger: 'blur' },
          { pattern: MOBILE, message: t('pub.report.contactBad'), trigger: 'blur' },
        ],
    content: [required(t('pub.report.contentLength'))[0], contentRule(t('pub.report.contentLength'))],
  }))

  /// An institution picked from the look-up also fixes the county it is registered in.
  function choose(i: PublicInstitution | null): void {
    form.chosen = i
    state.formRef.value?.clearValidate('chosen')
    if (!i) return
    form.unit_code = i.unit_code
    state.formRef.value?.clearValidate('unit_code')
  }

  const submit = () =>
    run(async () => {
      tooMany.value = false
      try {
        receipt.value = await submitPublicComplaint(complaintBody(form))
        receiptAnonymous.value = form.anonymous
      } catch (e) {
        if (toApiError(e).status !== 429) throw e
        tooMany.value = true
      }
    })

  /// "再提交一条": the form again, keeping the county.
  function again(): void {
    Object.assign(form, { target: 'registered', chosen: null, operator_name: '', operator_address: '', anonymous: false, contact: '', content: '' })
    receipt.value = null
    tooMany.value = false
  }

  onMounted(async () => {
    try {
      counties.value = await listPublicCounties()
      if (counties.value.length === 1) form.unit_code = counties.value[0].unit_code
      if (form.chosen) choose(form.chosen)
    } catch (e) {
      countiesError.value = errorText(toApiError(e))
    }
  })

  return { form, rules, counties, countiesError, tooMany, receipt, receiptAnonymous, contentLength, choose, submit, again, ...state }
}
