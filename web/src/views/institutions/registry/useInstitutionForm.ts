import { computed, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import {
  createInstitution,
  updateInstitution,
  type Delivery,
  type Institution,
  type InstitutionCategory,
  type InstitutionInput,
  type InstitutionStatus,
  type StaffMember,
} from '@/api/institutions'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { toApiError } from '@/utils/apiError'

/// One editable staff row; `key` keeps Vue's rows apart while names are typed.
export interface StaffRow {
  key: number
  name: string
  teaches_subject: boolean
  qualification_no: string
}

export interface InstitutionFields {
  unit_code: string
  name: string
  credit_code: string
  credit_override_reason: string
  category: InstitutionCategory | ''
  delivery: Delivery
  address: string
  licence_no: string
  licence_date: string | null
  filing_no: string
  filing_date: string | null
  nonprofit_reg_no: string
  legal_representative: string
  status: InstitutionStatus
  in_baseline: boolean
  staff: StaffRow[]
}

const FIELDS = [
  'unit_code',
  'name',
  'credit_code',
  'credit_override_reason',
  'category',
  'delivery',
  'address',
  'licence_no',
  'licence_date',
  'filing_no',
  'filing_date',
  'nonprofit_reg_no',
  'legal_representative',
  'status',
  'in_baseline',
  'staff',
] as const

/// The server names a staff member's field `staff[2].qualification_no`: it goes under the staff table.
const STAFF_ALIASES = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`staff[${i}]`, 'staff' as const]))
const CHECKSUM_CODE = 'institutions.credit_code_checksum'

let nextKey = 1
function staffRow(s?: StaffMember): StaffRow {
  return { key: nextKey++, name: s?.name ?? '', teaches_subject: s?.teaches_subject ?? false, qualification_no: s?.qualification_no ?? '' }
}

function fromRecord(r: Institution | null, unit: string): InstitutionFields {
  return {
    unit_code: r?.unit_code ?? unit,
    name: r?.name ?? '',
    credit_code: r?.credit_code ?? '',
    credit_override_reason: r?.credit_override_reason ?? '',
    category: r?.category ?? '',
    delivery: r?.delivery ?? 'offline',
    address: r?.address ?? '',
    licence_no: r?.licence_no ?? '',
    licence_date: r?.licence_date ?? null,
    filing_no: r?.filing_no ?? '',
    filing_date: r?.filing_date ?? null,
    nonprofit_reg_no: r?.nonprofit_reg_no ?? '',
    legal_representative: r?.legal_representative ?? '',
    status: r?.status ?? 'operating',
    in_baseline: r?.in_baseline ?? false,
    staff: (r?.staff ?? []).map(staffRow),
  }
}

const opt = (s: string | null): string | null => (s && s.trim() ? s.trim() : null)

/// 登记 / 编辑校外培训机构: every field of the record and its staff. The server runs the checks (R1.10,
/// R1.11, R3.4): its refusal goes under the field it names; a credit code whose check character fails
/// (`institutions.credit_code_checksum`) opens the override-reason field (R3.5 pilot codes). What it only
/// warns about comes back with the saved record.
export function useInstitutionForm(record: Institution | null, defaultUnit: string, onSaved: (i: Institution) => void) {
  const { t } = useI18n()
  const form = reactive<InstitutionFields>(fromRecord(record, defaultUnit))
  const { run, ...state } = useServerForm(form, FIELDS, STAFF_ALIASES)
  /// The override reason is asked for once the server has refused the checksum (or one is on record).
  const askOverride = ref(Boolean(record?.credit_override_reason))
  /// The staff row the server complained about.
  const staffErrorRow = ref<number | null>(null)
  const isSubject = computed(() => form.category === 'subject')

  const rules = computed<FormRules<InstitutionFields>>(() => ({
    unit_code: required(t('inst.form.unitRequired'), 'change'),
    name: required(t('inst.form.nameRequired')),
    credit_code: required(t('inst.form.creditCodeRequired')),
    category: required(t('inst.form.categoryRequired'), 'change'),
    address: required(t('inst.form.addressRequired')),
    legal_representative: required(t('inst.form.legalRepRequired')),
  }))

  function addStaff(): void {
    form.staff.push(staffRow())
  }

  function removeStaff(index: number): void {
    form.staff.splice(index, 1)
    staffErrorRow.value = null
  }

  function body(): InstitutionInput {
    return {
      ...(record ? {} : { unit_code: form.unit_code }),
      name: form.name.trim(),
      credit_code: form.credit_code.trim().toUpperCase(),
      credit_override_reason: askOverride.value ? opt(form.credit_override_reason) : null,
      category: form.category as InstitutionCategory,
      delivery: form.delivery,
      address: form.address.trim(),
      licence_no: opt(form.licence_no),
      licence_date: form.licence_date || null,
      filing_no: opt(form.filing_no),
      filing_date: form.filing_date || null,
      nonprofit_reg_no: opt(form.nonprofit_reg_no),
      legal_representative: form.legal_representative.trim(),
      status: form.status,
      in_baseline: form.in_baseline,
      staff: form.staff.map((s) => ({
        name: s.name.trim(),
        teaches_subject: s.teaches_subject,
        qualification_no: opt(s.qualification_no),
      })),
    }
  }

  const submit = () =>
    run(async () => {
      staffErrorRow.value = null
      try {
        const saved = record ? await updateInstitution(record.id, body()) : await createInstitution(body())
        ElMessage({ type: 'success', message: t(record ? 'inst.form.updated' : 'inst.form.created', { name: saved.name }) })
        onSaved(saved)
      } catch (e) {
        const err = toApiError(e)
        if (err.code === CHECKSUM_CODE) askOverride.value = true
        const row = err.field?.match(/^staff\[(\d+)\]/)
        if (row) staffErrorRow.value = Number(row[1])
        throw err
      }
    })

  return { ...state, form, rules, askOverride, staffErrorRow, isSubject, addStaff, removeStaff, submit }
}
