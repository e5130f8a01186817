import { computed, ref, shallowRef, watch } from 'vue'
import { listRatings, type RatingSummary } from '@/api/afterschoolOps'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { useSchoolSemester } from '../shared/useSchoolSemester'

/// 课程评价 of one school and semester (GET schools/{id}/ratings): per course the number of guardians'
/// ratings and their average, kept for the provider evaluation. School and semester in the address.
export function useRatings() {
  const { schoolId, semester } = useSchoolSemester()
  const items = shallowRef<RatingSummary[]>([])
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))
  const rated = computed(() => items.value.filter((r) => r.ratings > 0))
  /// The average over every rating of the school (weighted by the number of ratings).
  const overall = computed(() => {
    const n = rated.value.reduce((s, r) => s + r.ratings, 0)
    return n ? rated.value.reduce((s, r) => s + r.average * r.ratings, 0) / n : 0
  })
  const count = computed(() => rated.value.reduce((s, r) => s + r.ratings, 0))

  let seq = 0
  async function load(): Promise<void> {
    const id = schoolId.value
    const mine = ++seq
    if (!id) {
      items.value = []
      return
    }
    loading.value = true
    try {
      const list = await listRatings(id, semester.value)
      if (mine !== seq) return
      items.value = list
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      items.value = []
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  watch([schoolId, semester], load, { immediate: true })

  return { schoolId, semester, items, overall, count, loading, forbidden, errorMessage, load }
}
