import { computed, onMounted, reactive, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import { createProvider, listCategories, type Category, type Provider } from '@/api/afterschool'
import { required, useServerForm } from '@/composables/useFieldErrors'

export interface ProviderFormFields {
  name: string
  credit_code: string
  unit_code: string
  category: string
  free_public_benefit: boolean
}

/// 登记第三方机构: name, 统一社会信用代码 (checked by the server), county, a non-subject category (RULES
/// R2.3a: no subject-type content, no homework help), and whether it is free and public-benefit (then
/// its courses charge nothing, R2.3d). It starts as an applicant until admitted.
export function useProviderForm(defaultUnit: string, onSaved: (p: Provider) => void) {
  const { t, locale } = useI18n()
  const form = reactive<ProviderFormFields>({ name: '', credit_code: '', unit_code: defaultUnit, category: '', free_public_benefit: false })
  const { run, ...state } = useServerForm(form, ['name', 'credit_code', 'unit_code', 'category', 'free_public_benefit'] as const)
  const categories = shallowRef<Category[]>([])
  const categoryOptions = computed(() =>
    categories.value
      .filter((c) => !c.subject_type && !c.new_lessons && c.code !== 'homework_help')
      .map((c) => ({ value: c.code, label: locale.value === 'en' ? c.name_en || c.name : c.name })),
  )
  const rules = computed<FormRules<ProviderFormFields>>(() => ({
    name: required(t('afterschool.providerForm.nameRequired')),
    credit_code: required(t('afterschool.providerForm.creditCodeRequired')),
    unit_code: required(t('org.schoolForm.unitRequired'), 'change'),
    category: required(t('afterschool.courseForm.categoryRequired'), 'change'),
  }))

  onMounted(async () => {
    try {
      categories.value = await listCategories()
    } catch {
      // The select stays empty; the server names the problem on save.
    }
  })

  const submit = () =>
    run(async () => {
      const saved = await createProvider({
        name: form.name.trim(),
        credit_code: form.credit_code.trim().toUpperCase(),
        unit_code: form.unit_code,
        category: form.category,
        free_public_benefit: form.free_public_benefit,
      })
      ElMessage({ type: 'success', message: t('afterschool.providerForm.registered', { name: saved.name }) })
      onSaved(saved)
    })

  return { ...state, form, rules, categoryOptions, submit }
}
