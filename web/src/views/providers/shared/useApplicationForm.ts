import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FormInstance } from 'element-plus'
import type {
  ApplicationInput,
  CheckResult,
  InstructorInput,
  Problem,
  Qualification,
  RecordDetail,
  ServiceOffer,
} from '@/api/providers'
import type { ServerForm } from '@/composables/useFieldErrors'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { problemText, toFen } from './format'

/// One editable service line; amounts in yuan as typed (undefined: not typed yet). `key` keeps Vue's rows apart.
export interface ServiceRow {
  key: number
  name: string
  fee_yuan: number | undefined
  outside_yuan: number | undefined
}

export interface InstructorRow {
  key: number
  name: string
  qualification: Qualification
  qualification_name: string
  qualification_number: string
  background_check_date: string | null
}

export interface ApplicationFields {
  name: string
  credit_code: string
  /// R3.5: why a code failing only its checksum is genuine; '' when none is given
  credit_override_reason: string
  category: string
  free_public_benefit: boolean
  declares_no_marketing: boolean
  contact_name: string
  contact_phone: string
  services: ServiceRow[]
  instructors: InstructorRow[]
}

const TOP_FIELDS = [
  'unit_code',
  'name',
  'credit_code',
  'credit_override_reason',
  'category',
  'free_public_benefit',
  'declares_no_marketing',
  'contact_name',
  'contact_phone',
  'services',
  'instructors',
] as const
const SERVICE_FIELDS = ['name', 'fee_fen', 'outside_price_fen'] as const
const INSTRUCTOR_FIELDS = ['name', 'qualification', 'qualification_name', 'qualification_number', 'background_check_date'] as const

/// The check's code for a credit code failing only its checksum: the one an override reason lifts (R3.5).
const CHECKSUM = 'providers.credit_code_checksum'

let nextKey = 1
function serviceRow(s?: ServiceOffer): ServiceRow {
  return {
    key: nextKey++,
    name: s?.name ?? '',
    fee_yuan: s ? s.fee_fen / 100 : undefined,
    outside_yuan: s ? s.outside_price_fen / 100 : undefined,
  }
}
function instructorRow(i?: InstructorInput): InstructorRow {
  return {
    key: nextKey++,
    name: i?.name ?? '',
    qualification: i?.qualification ?? 'teacher_certificate',
    qualification_name: i?.qualification_name ?? '',
    qualification_number: i?.qualification_number ?? '',
    background_check_date: i?.background_check_date ?? null,
  }
}

/// The field paths of the form with their values, as the server names them (`services[1].fee_fen`), to tell
/// which fields changed since a check.
function flatten(f: ApplicationFields): Record<string, string> {
  const out: Record<string, string> = {
    name: f.name,
    credit_code: f.credit_code,
    credit_override_reason: f.credit_override_reason,
    category: f.category,
    free_public_benefit: String(f.free_public_benefit),
    declares_no_marketing: String(f.declares_no_marketing),
    contact_name: f.contact_name,
    contact_phone: f.contact_phone,
  }
  f.services.forEach((s, i) => {
    out[`services[${i}].name`] = s.name
    out[`services[${i}].fee_fen`] = String(s.fee_yuan)
    out[`services[${i}].outside_price_fen`] = String(s.outside_yuan)
  })
  f.instructors.forEach((r, i) => {
    for (const k of INSTRUCTOR_FIELDS) out[`instructors[${i}].${k}`] = String(r[k])
  })
  return out
}

export interface ApplicationFormOptions {
  /// the record to start from (apply again; a paper form re-entered); null: an empty form
  from: RecordDetail | null
  /// a provider applies under its own credit code, which it cannot change
  fixedCreditCode?: string
  /// the county applied to, sent as `unit_code`; a county bureau leaves it out (its own)
  unitCode?: string
  check: (input: ApplicationInput) => Promise<CheckResult>
  submit: (input: ApplicationInput) => Promise<RecordDetail>
  onSaved: (saved: RecordDetail) => void
}

/// 准入申请 form (a county's paper entry and a provider's own application): services and instructors as editable
/// rows. Submitting first asks the server's check (POST …/check, which writes nothing) and marks every problem on
/// its field at once; warnings are shown and the next submit of the same form goes ahead. A refusal of the submit
/// itself lands on its field too.
export function useApplicationForm(o: ApplicationFormOptions) {
  const { t } = useI18n()
  const r = o.from
  const form = reactive<ApplicationFields>({
    name: r?.name ?? '',
    credit_code: o.fixedCreditCode ?? r?.credit_code ?? '',
    credit_override_reason: r?.credit_override_reason ?? '',
    category: r?.category ?? '',
    free_public_benefit: r?.free_public_benefit ?? false,
    declares_no_marketing: r?.declares_no_marketing ?? false,
    contact_name: r?.contact_name ?? '',
    // a masked number is no number to send again
    contact_phone: r && !r.contact_phone.includes('*') ? r.contact_phone : '',
    services: r?.services.length ? r.services.map(serviceRow) : [serviceRow()],
    instructors: r?.instructors.length ? r.instructors.map(instructorRow) : [instructorRow()],
  })

  const formRef = ref<FormInstance>()
  const submitting = ref(false)
  /// Problems by field path; those of a field no input shows are in `others`.
  const errors = reactive<Record<string, string>>({})
  const others = shallowRef<Problem[]>([])
  const warnings = shallowRef<Problem[]>([])
  const failure = ref<ApiError | null>(null)
  const problemCount = ref(0)
  /// The form (as sent) whose warnings were shown: submitted again unchanged, it goes ahead.
  const acknowledged = ref('')
  /// R3.5: the credit-code override reason is asked for once the code failed its checksum (an early pilot code may),
  /// and shown whenever the form already has one. It stays once shown.
  const checksumFailed = ref(false)
  const showOverride = computed(() => checksumFailed.value || form.credit_override_reason.trim() !== '')

  const failureText = computed(() => {
    if (failure.value) return errorText(failure.value)
    if (problemCount.value) return t('providers.form.problems', { n: problemCount.value })
    return ''
  })
  const serverForm: ServerForm = { formRef, submitting, failureText }

  function known(path: string): boolean {
    if ((TOP_FIELDS as readonly string[]).includes(path)) return true
    const s = path.match(/^services\[(\d+)\]\.(\w+)$/)
    if (s) return Number(s[1]) < form.services.length && (SERVICE_FIELDS as readonly string[]).includes(s[2])
    const i = path.match(/^instructors\[(\d+)\]\.(\w+)$/)
    if (i) return Number(i[1]) < form.instructors.length && (INSTRUCTOR_FIELDS as readonly string[]).includes(i[2])
    return false
  }

  function clear(): void {
    for (const k of Object.keys(errors)) delete errors[k]
    others.value = []
    failure.value = null
    problemCount.value = 0
  }

  /// Every problem under its field (the first one of a field wins; a whole row's goes under its name).
  function mark(problems: readonly Problem[]): void {
    const rest: Problem[] = []
    for (const p of problems) {
      if (p.code === CHECKSUM) checksumFailed.value = true
      let path = p.field
      if (/^(services|instructors)\[\d+\]$/.test(path)) path = `${path}.name`
      if (known(path)) errors[path] ??= problemText(p)
      else rest.push(p)
    }
    others.value = rest
    problemCount.value = problems.length
  }

  // A field's complaint goes once it is edited.
  let before = flatten(form)
  watch(
    form,
    () => {
      const now = flatten(form)
      for (const k of Object.keys(errors)) if (now[k] !== before[k]) delete errors[k]
      before = now
    },
    { deep: true },
  )

  // A free provider charges nothing (R2.3d): its fees are 0 and not typed.
  watch(
    () => form.free_public_benefit,
    (free) => {
      if (free) for (const s of form.services) s.fee_yuan = 0
    },
  )

  function body(): ApplicationInput {
    return {
      ...(o.unitCode ? { unit_code: o.unitCode } : {}),
      name: form.name.trim(),
      credit_code: form.credit_code.trim().toUpperCase(),
      ...(form.credit_override_reason.trim() ? { credit_override_reason: form.credit_override_reason.trim() } : {}),
      category: form.category,
      free_public_benefit: form.free_public_benefit,
      declares_no_marketing: form.declares_no_marketing,
      contact_name: form.contact_name.trim(),
      contact_phone: form.contact_phone.trim(),
      services: form.services.map((s) => ({
        name: s.name.trim(),
        fee_fen: toFen(s.fee_yuan ?? 0),
        outside_price_fen: toFen(s.outside_yuan ?? 0),
      })),
      instructors: form.instructors.map((i) => ({
        name: i.name.trim(),
        qualification: i.qualification,
        qualification_name: i.qualification === 'other' ? i.qualification_name.trim() : '',
        qualification_number: i.qualification_number.trim(),
        background_check_date: i.background_check_date || null,
      })),
    }
  }

  /// The submit button goes ahead past the warnings shown for this very form.
  const pastWarnings = computed(() => warnings.value.length > 0 && acknowledged.value === JSON.stringify(body()))

  function addService(): void {
    form.services.push(serviceRow())
    if (form.free_public_benefit) form.services[form.services.length - 1].fee_yuan = 0
  }
  function removeService(i: number): void {
    form.services.splice(i, 1)
    for (const k of Object.keys(errors)) if (k.startsWith('services[')) delete errors[k]
  }
  function addInstructor(): void {
    form.instructors.push(instructorRow())
  }
  function removeInstructor(i: number): void {
    form.instructors.splice(i, 1)
    for (const k of Object.keys(errors)) if (k.startsWith('instructors[')) delete errors[k]
  }

  async function submit(): Promise<void> {
    if (submitting.value) return
    const input = body()
    const key = JSON.stringify(input)
    const goAhead = warnings.value.length > 0 && acknowledged.value === key
    clear()
    submitting.value = true
    try {
      if (!goAhead) {
        const result = await o.check(input)
        if (result.problems.length) {
          warnings.value = result.warnings
          mark(result.problems)
          return
        }
        warnings.value = result.warnings
        if (result.warnings.length) {
          acknowledged.value = key
          return
        }
      }
      o.onSaved(await o.submit(input))
    } catch (e) {
      const err = toApiError(e)
      const listed = err.payload?.details?.problems
      if (err.status === 422 && Array.isArray(listed) && listed.length) mark(listed as Problem[])
      else if ((err.status === 422 || err.status === 409) && err.field && known(err.field)) {
        if (err.code === CHECKSUM) checksumFailed.value = true
        errors[err.field] = errorText(err)
        problemCount.value = 1
      } else failure.value = err
    } finally {
      submitting.value = false
    }
  }

  return {
    form,
    serverForm,
    errors,
    others,
    warnings,
    pastWarnings,
    showOverride,
    addService,
    removeService,
    addInstructor,
    removeInstructor,
    submit,
  }
}
