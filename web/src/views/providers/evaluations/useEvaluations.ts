import { computed, h, onMounted, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { closeEvaluations, getEvaluations, getSettings, type EvaluationSheet, type Settings } from '@/api/providers'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { useSchoolSemester } from '@/views/afterschool/shared/useSchoolSemester'
import { useUnits } from '@/views/org/schools/useSchools'
import { semesterLabel } from '../shared/format'

/// 效果评价: one semester's evaluations of a county's admitted and suspended providers — a live preview until the
/// county closes the semester, which stores them and exits those whose outcome is exit — and the county's settings.
/// The city picks a county.
export function useEvaluations() {
  const { t } = useI18n()
  const user = useUserStore()
  const { semester } = useSchoolSemester({ withSchool: false })
  const units = useUnits()
  const isCity = computed(() => user.user?.role === 'city_admin')
  const unitCode = ref('')
  const sheet = shallowRef<EvaluationSheet | null>(null)
  const settings = shallowRef<Settings | null>(null)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))
  const closing = ref(false)
  const editing = ref(false)
  const canClose = computed(() => user.hasPermi('providers:evaluation:create') && !!sheet.value && !sheet.value.closed)
  const canEdit = computed(() => user.hasPermi('providers:settings:update') && !!settings.value)
  /// The city reads every county at once, or one; a county's settings only for one.
  const oneCounty = computed(() => !isCity.value || !!unitCode.value)
  const exits = computed(() => sheet.value?.items.filter((i) => i.outcome === 'exit') ?? [])

  let seq = 0
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    const unit = unitCode.value || undefined
    try {
      const [s, cfg] = await Promise.all([getEvaluations(semester.value, unit), oneCounty.value ? getSettings(unit).catch(() => null) : Promise.resolve(null)])
      if (mine !== seq) return
      sheet.value = s
      settings.value = cfg
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      sheet.value = null
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function close(): Promise<void> {
    if (!sheet.value || closing.value) return
    const leaving = exits.value
    const message = h('div', { 'data-testid': 'pv-close-confirm' }, [
      h('p', t('providers.evaluations.closeConfirm')),
      leaving.length
        ? h('div', [
            h('p', t('providers.evaluations.closeExits', { n: leaving.length })),
            h('ul', leaving.map((i) => h('li', { key: i.record_id }, i.name))),
          ])
        : h('p', t('providers.evaluations.closeNoExit')),
    ])
    try {
      await ElMessageBox.confirm(message, t('providers.evaluations.closeTitle', { semester: semesterLabel(semester.value) }), {
        type: leaving.length ? 'warning' : 'info',
        confirmButtonText: t('providers.evaluations.close'),
        cancelButtonText: t('org.cancel'),
      })
    } catch {
      return
    }
    closing.value = true
    try {
      const done = await closeEvaluations(semester.value)
      sheet.value = done
      ElMessage({ type: 'success', message: t('providers.evaluations.closeDone', { n: done.exited.length }) })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      closing.value = false
    }
  }

  function saved(s: Settings): void {
    settings.value = s
    void load()
  }

  watch([semester, unitCode], load)
  onMounted(load)

  return { ...units, semester, unitCode, isCity, sheet, settings, loading, forbidden, errorMessage, closing, editing, canClose, canEdit, exits, load, close, saved }
}
