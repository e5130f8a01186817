import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import type { FormItemRule, FormRules } from 'element-plus'
import { createApplication, getSeason, listSeasons, type Declarations, type Relation, type Season, type SeasonSchool } from '@/api/enrollment'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { queryInt } from '@/composables/usePagedList'
import { idNumberValid } from '@/views/enrollment/shared/format'

export interface ApplyFields {
  season_id: number | undefined
  child_name: string
  child_id_number: string
  applicant_id_number: string
  relation: Relation | ''
  declarations: Declarations
  private_school_id: number | undefined
  notice_acknowledged: boolean
}

const SERVER_FIELDS = [
  'season_id',
  'child_name',
  'child_id_number',
  'applicant_id_number',
  'relation',
  'declarations',
  'private_school_id',
  'notice_acknowledged',
] as const

/// 一键申请: the child's and the applicant's identity numbers (checked here as the server checks them), the
/// family's declarations, an optional private school (公民同招), and the R4.3 notice acknowledged. On success
/// the application's page opens.
export function useApplyForm() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const seasons = shallowRef<Season[]>([])
  const schools = shallowRef<SeasonSchool[]>([])
  const loadingSeasons = ref(true)
  const form = reactive<ApplyFields>({
    season_id: queryInt(route.query, 'season'),
    child_name: '',
    child_id_number: '',
    applicant_id_number: '',
    relation: '',
    declarations: { renting: false, lives_with_grandparents: false, father_only_child: false, mother_only_child: false },
    private_school_id: undefined,
    notice_acknowledged: false,
  })
  const { run, ...state } = useServerForm(form, SERVER_FIELDS)
  const season = computed(() => seasons.value.find((s) => s.id === form.season_id))
  const privateSchools = computed(() => schools.value.filter((s) => s.is_private))
  /// Grade 7 also reads the primary school's student record (学籍).
  const grade7 = computed(() => season.value?.entry_grade === 7)

  const idRule = (msg: string): FormItemRule[] => [
    { required: true, message: msg, trigger: 'blur' },
    { trigger: 'blur', validator: (_r, v: string, cb) => (v && !idNumberValid(v) ? cb(new Error(t('enrollment.apply.idInvalid'))) : cb()) },
  ]
  const rules = computed<FormRules<ApplyFields>>(() => ({
    season_id: required(t('enrollment.apply.seasonRequired'), 'change'),
    child_name: required(t('enrollment.apply.nameRequired')),
    child_id_number: idRule(t('enrollment.apply.childIdRequired')),
    applicant_id_number: [
      ...idRule(t('enrollment.apply.ownIdRequired')),
      {
        trigger: 'blur',
        validator: (_r, v: string, cb) =>
          v && v.trim().toUpperCase() === form.child_id_number.trim().toUpperCase() ? cb(new Error(t('enrollment.apply.sameId'))) : cb(),
      },
    ],
    relation: required(t('enrollment.apply.relationRequired'), 'change'),
  }))

  async function loadSeasons(): Promise<void> {
    loadingSeasons.value = true
    try {
      seasons.value = (await listSeasons()).filter((s) => s.status === 'open')
      if (!form.season_id && seasons.value.length === 1) form.season_id = seasons.value[0].id
    } catch {
      seasons.value = []
    } finally {
      loadingSeasons.value = false
    }
  }
  watch(
    () => form.season_id,
    async (id) => {
      schools.value = []
      form.private_school_id = undefined
      if (!id) return
      try {
        schools.value = (await getSeason(id)).schools
      } catch {
        schools.value = []
      }
    },
    { immediate: true },
  )
  void loadSeasons()

  const submit = () =>
    run(async () => {
      if (!form.notice_acknowledged) return
      const created = await createApplication({
        season_id: form.season_id as number,
        child_name: form.child_name.trim(),
        child_id_number: form.child_id_number.trim().toUpperCase(),
        applicant_id_number: form.applicant_id_number.trim().toUpperCase(),
        relation: form.relation as Relation,
        declarations: { ...form.declarations },
        ...(form.private_school_id ? { private_school_id: form.private_school_id } : {}),
        notice_acknowledged: true,
      })
      await router.replace(`/family/enrollment/${created.id}`)
    })

  return { ...state, form, rules, seasons, season, privateSchools, grade7, loadingSeasons, submit }
}
