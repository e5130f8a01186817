import { computed, onMounted, reactive, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { allocateWindow, downloadAllocationInputs, listWindows, type Window } from '@/api/afterschool'
import { getSchool, listUnits, type Unit } from '@/api/org'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { saveBlob } from '@/utils/download'
import { useSchoolSemester } from '../shared/useSchoolSemester'

/// 选课窗口 of the caller's area (GET windows, all semesters or one): a school's or a whole county's,
/// first-come or wishes + lottery. A closed lottery window can be run (运行摇号: the seed is revealed and
/// the result published); an allocated one shows its allocation and offers the inputs as run, for
/// anyone to re-run with `kehou allocate --verify`.
export function useWindows() {
  const { t, locale } = useI18n()
  const user = useUserStore()
  const { semester } = useSchoolSemester({ withSchool: false, defaultSemester: '' })
  const windows = shallowRef<Window[]>([])
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))
  const units = shallowRef<Unit[]>([])
  /// School names by id, fetched once per school shown.
  const schoolNames = reactive<Record<number, string>>({})
  /// Windows whose lottery is being run.
  const running = reactive<Record<number, boolean>>({})

  async function nameSchools(list: readonly Window[]): Promise<void> {
    const ids = [...new Set(list.map((w) => w.school_id).filter((id): id is number => id !== null && !(id in schoolNames)))]
    await Promise.all(
      ids.map(async (id) => {
        try {
          schoolNames[id] = (await getSchool(id)).name
        } catch {
          schoolNames[id] = `#${id}`
        }
      }),
    )
  }

  let seq = 0
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const list = await listWindows(semester.value)
      if (mine !== seq) return
      windows.value = [...list].sort((a, b) => b.opens_at.localeCompare(a.opens_at))
      error.value = null
      void nameSchools(list)
    } catch (e) {
      if (mine !== seq) return
      windows.value = []
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function unitName(code: string): string {
    const u = units.value.find((x) => x.code === code)
    return u ? (locale.value === 'en' ? u.name_en || u.name : u.name) : code
  }

  /// 某校 or 任城区（全区）.
  function scopeText(w: Window): string {
    if (w.school_id !== null) return schoolNames[w.school_id] ?? ''
    return t('afterschool.windows.wholeCounty', { unit: unitName(w.unit_code) })
  }

  function replaced(w: Window): void {
    windows.value = windows.value.map((x) => (x.id === w.id ? w : x))
  }

  /// Runs the lottery after a confirmation; resolves to the allocated window (null: not run).
  async function allocate(w: Window): Promise<Window | null> {
    if (running[w.id]) return null
    try {
      await ElMessageBox.confirm(t('afterschool.windows.allocateConfirm', { title: w.title }), t('afterschool.windows.allocate'), {
        type: 'warning',
        confirmButtonText: t('afterschool.windows.allocate'),
        cancelButtonText: t('org.cancel'),
        customClass: 'allocate-confirm',
      })
    } catch {
      return null
    }
    running[w.id] = true
    try {
      const done = await allocateWindow(w.id)
      replaced(done)
      ElMessage({ type: 'success', message: t('afterschool.windows.allocated', { title: w.title }) })
      return done
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true, duration: 6000 })
      return null
    } finally {
      running[w.id] = false
    }
  }

  async function download(w: Window): Promise<void> {
    try {
      const { blob, filename } = await downloadAllocationInputs(w.id)
      saveBlob(blob, filename)
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    }
  }

  watch(semester, load)
  onMounted(async () => {
    void load()
    if (!user.hasPermi('org:unit:read')) return
    try {
      units.value = await listUnits()
    } catch {
      // County windows then show the unit code.
    }
  })

  return { semester, windows, units, loading, forbidden, errorMessage, running, scopeText, unitName, load, allocate, download }
}
