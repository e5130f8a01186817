import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import { putFeeStandard, type FeeStandard } from '@/api/afterschool'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { toFen } from '../shared/format'
import { minutesOf } from '../service-week/useServiceWeek'

/// Shandong's bounds per pupil and class hour (RULES R2.1), in yuan: a unit may set its own lower.
export const RURAL_CAP_YUAN = 3
export const URBAN_CAP_YUAN = 3.5

export interface FeeStandardFields {
  rural_yuan: number
  urban_yuan: number
  /// Optional caps; undefined: none.
  semester_cap_yuan: number | undefined
  month_cap_yuan: number | undefined
  local_off_work: string
  end_offset_minutes: number
}

/// 发布收费标准 of one unit for a semester, in yuan in the form and fen on the wire; starts from the
/// standard in force (the unit's own or the city's) or the provincial bounds. The latest dismissal
/// batch of the unit's schools may not end before off-work time + offset.
export function useFeeStandardForm(unitCode: string, semester: string, current: FeeStandard | null, onSaved: (s: FeeStandard) => void) {
  const { t } = useI18n()
  const yuanOf = (fen: number | null | undefined) => (fen === null || fen === undefined ? undefined : fen / 100)
  const form = reactive<FeeStandardFields>({
    rural_yuan: yuanOf(current?.rural_per_hour_fen) ?? RURAL_CAP_YUAN,
    urban_yuan: yuanOf(current?.urban_per_hour_fen) ?? URBAN_CAP_YUAN,
    semester_cap_yuan: yuanOf(current?.per_semester_cap_fen),
    month_cap_yuan: yuanOf(current?.per_month_cap_fen),
    local_off_work: current?.local_off_work ?? '17:00',
    end_offset_minutes: current?.end_offset_minutes ?? 30,
  })
  const { run, ...state } = useServerForm(
    form,
    ['rural_yuan', 'urban_yuan', 'semester_cap_yuan', 'month_cap_yuan', 'local_off_work', 'end_offset_minutes'] as const,
    {
      rural_per_hour_fen: 'rural_yuan',
      urban_per_hour_fen: 'urban_yuan',
      per_semester_cap_fen: 'semester_cap_yuan',
      per_month_cap_fen: 'month_cap_yuan',
    },
  )
  const rules = computed<FormRules<FeeStandardFields>>(() => ({
    local_off_work: required(t('afterschool.windowForm.timeRequired'), 'change'),
  }))
  /// Off-work time + offset: the earliest the latest batch may end.
  const earliest = computed(() => {
    const m = minutesOf(form.local_off_work) + form.end_offset_minutes
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  })

  const submit = () =>
    run(async () => {
      const saved = await putFeeStandard(unitCode, semester, {
        rural_per_hour_fen: toFen(form.rural_yuan),
        urban_per_hour_fen: toFen(form.urban_yuan),
        ...(form.semester_cap_yuan ? { per_semester_cap_fen: toFen(form.semester_cap_yuan) } : {}),
        ...(form.month_cap_yuan ? { per_month_cap_fen: toFen(form.month_cap_yuan) } : {}),
        local_off_work: form.local_off_work,
        end_offset_minutes: form.end_offset_minutes,
      })
      ElMessage({ type: 'success', message: t('afterschool.feeStandards.published', { unit: saved.unit_name }) })
      onSaved(saved)
    })

  return { ...state, form, rules, earliest, submit }
}
