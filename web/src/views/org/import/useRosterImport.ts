import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { confirmRoster, previewRoster, type ImportPreview, type ImportProblem, type ImportResult } from '@/api/org'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { downloadTemplate } from './rosterTemplate'

export type ImportStep = 'choose' | 'preview' | 'done'

/// The server's field keys of a roster problem, each shown as its column (org.import.field.*).
const FIELD_KEYS = new Set([
  'file', 'grade', 'class_no', 'name', 'sex', 'id_number', 'student_number', 'disability', 'migrant', 'hardship',
  'left_behind', 'military_family', 'dual_income', 'guardian_name', 'guardian_relation', 'guardian_mobile',
  'guardian_pickup',
])

/// 名册导入: choose a school and a .csv (UTF-8 or GBK) or .xlsx file, upload its bytes as they are
/// (`Content-Type: text/csv`; the server tells a workbook by its content), read the preview (every bad row by line; nothing is written yet),
/// then confirm, which writes every good row in one transaction.
export function useRosterImport() {
  const { t, locale } = useI18n()
  const step = ref<ImportStep>('choose')
  const schoolId = ref<number | undefined>()
  const file = shallowRef<File | null>(null)
  const preview = shallowRef<ImportPreview | null>(null)
  const result = shallowRef<ImportResult | null>(null)
  const busy = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  const canUpload = computed(() => schoolId.value !== undefined && file.value !== null && !busy.value)

  const problems = computed(() =>
    (preview.value?.problems ?? []).map((p: ImportProblem) => ({
      line: p.line,
      field: FIELD_KEYS.has(p.field) ? t(`org.import.field.${p.field}`) : p.field,
      message: locale.value === 'en' ? p.message_en || p.message : p.message || p.message_en,
    })),
  )

  function chooseFile(f: File | null): void {
    file.value = f
    error.value = null
  }

  async function upload(): Promise<void> {
    if (!canUpload.value || !file.value || schoolId.value === undefined) return
    busy.value = true
    error.value = null
    try {
      preview.value = await previewRoster(schoolId.value, await file.value.arrayBuffer())
      step.value = 'preview'
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      busy.value = false
    }
  }

  async function confirm(): Promise<void> {
    if (busy.value || !preview.value || preview.value.good_rows === 0) return
    busy.value = true
    error.value = null
    try {
      result.value = await confirmRoster(preview.value.import_id)
      step.value = 'done'
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      busy.value = false
    }
  }

  /// Back to choosing a file (another file, or the same one corrected); the school stays.
  function restart(): void {
    step.value = 'choose'
    file.value = null
    preview.value = null
    result.value = null
    error.value = null
  }

  function template(): void {
    downloadTemplate(t('org.import.templateFile'))
  }

  return { step, schoolId, file, preview, problems, result, busy, errorMessage, canUpload, chooseFile, upload, confirm, restart, template }
}
