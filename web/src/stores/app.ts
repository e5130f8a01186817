import { ref, watch } from 'vue'
import { defineStore } from 'pinia'

/// Below this width the side menu becomes a drawer (Element Plus's `sm` breakpoint).
export const MOBILE_QUERY = '(max-width: 767.98px)'
const COLLAPSE_KEY = 'kehou.sidebarCollapsed'

/// Layout state: phone or desktop, side menu collapsed (desktop), drawer open (phone).
export const useAppStore = defineStore('app', () => {
  const media = window.matchMedia(MOBILE_QUERY)
  const isMobile = ref(media.matches)
  const drawerOpen = ref(false)
  const collapsed = ref(readCollapsed())

  media.addEventListener('change', (e) => {
    isMobile.value = e.matches
    drawerOpen.value = false
  })

  watch(collapsed, (value) => {
    try {
      window.localStorage.setItem(COLLAPSE_KEY, value ? '1' : '0')
    } catch {
      // Not remembered when storage is unavailable.
    }
  })

  /// The hamburger: opens the drawer on a phone, collapses the menu on a desktop.
  function toggleMenu(): void {
    if (isMobile.value) drawerOpen.value = !drawerOpen.value
    else collapsed.value = !collapsed.value
  }

  function closeDrawer(): void {
    drawerOpen.value = false
  }

  return { isMobile, drawerOpen, collapsed, toggleMenu, closeDrawer }
})

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSE_KEY) === '1'
  } catch {
    return false
  }
}
