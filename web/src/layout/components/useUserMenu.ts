import { computed } from 'vue'
import { useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { useUserStore } from '@/stores/user'
import { roleLabel } from '@/utils/roles'

export type UserCommand = 'password' | 'logout'

/// The signed-in user's name and role for the header, and the account menu's commands.
/// Also used by the password page, which has a log-out button of its own.
export function useUserMenu() {
  const { t } = useI18n()
  const router = useRouter()
  const store = useUserStore()

  const user = computed(() => store.user)
  const role = computed(() => (store.user ? roleLabel(store.user.role) : ''))
  const initial = computed(() => store.user?.display_name.trim().slice(0, 1) || '?')

  async function logout(): Promise<void> {
    await store.logout()
    ElMessage({ type: 'success', message: t('layout.loggedOut'), grouping: true })
    await router.replace({ name: 'login' })
  }

  function onCommand(command: string | number | object): void {
    if (command === 'password') void router.push({ name: 'password' })
    else if (command === 'logout') void logout()
  }

  return { user, role, initial, logout, onCommand }
}
