import type { Component } from 'vue'
import { layoutChildren, menuGroups, type MenuGroupKey } from '@/router'
import { useUserStore } from '@/stores/user'

export interface MenuItem {
  kind: 'item'
  key: string
  path: string
  title: string
  icon?: Component
}

export interface MenuGroup {
  kind: 'group'
  key: MenuGroupKey
  title: string
  icon: Component
  items: MenuItem[]
}

export type MenuEntry = MenuItem | MenuGroup

/// The side menu from the layout's routes: pages with `meta.menu` the user's role may open, in
/// route order, those with `meta.group` gathered under their group where its first page stands.
/// A group left with no page is not shown.
export function buildMenu(): MenuEntry[] {
  const user = useUserStore()
  const entries: MenuEntry[] = []
  const groups = new Map<MenuGroupKey, MenuGroup>()
  for (const route of layoutChildren) {
    const meta = route.meta
    if (!meta?.menu || !user.mayOpen(meta)) continue
    const path = `/${route.path}`
    const item: MenuItem = { kind: 'item', key: path, path, title: meta.title ?? '', icon: meta.icon }
    if (!meta.group) {
      entries.push(item)
      continue
    }
    let group = groups.get(meta.group)
    if (!group) {
      group = { kind: 'group', key: meta.group, ...menuGroups[meta.group], items: [] }
      groups.set(meta.group, group)
      entries.push(group)
    }
    group.items.push(item)
  }
  return entries
}
