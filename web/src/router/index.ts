import type { Component } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { Document, Odometer, Setting } from '@element-plus/icons-vue'
import Layout from '@/layout/index.vue'
import { installGuards } from './guard'

declare module 'vue-router' {
  interface RouteMeta {
    /// i18n key of the page title (document title, menu item, breadcrumb).
    title?: string
    /// Element Plus icon shown in the side menu.
    icon?: Component
    /// Listed in the side menu.
    menu?: boolean
    /// Key of the side-menu group (`menuGroups`) the item sits in; none: top level.
    group?: MenuGroupKey
    /// Permission (`module:resource:action`) the page needs: without it the menu item is hidden
    /// and a direct visit shows the no-permission state.
    permission?: string
    /// Reachable without a session (log-in, 404).
    public?: boolean
  }
}

/// Side-menu groups (sub-menus), in menu order; a group whose items are all hidden is not shown.
export const menuGroups = {
  system: { title: 'menu.system', icon: Setting },
} satisfies Record<string, { title: string; icon: Component }>
export type MenuGroupKey = keyof typeof menuGroups

/// Pages inside the layout (header + side menu). The side menu is built from these.
export const layoutChildren: RouteRecordRaw[] = [
  {
    path: 'home',
    name: 'home',
    component: () => import('@/views/home/index.vue'),
    meta: { title: 'route.home', icon: Odometer, menu: true },
  },
  {
    path: 'system/audit',
    name: 'audit',
    component: () => import('@/views/audit/index.vue'),
    meta: { title: 'route.audit', icon: Document, menu: true, group: 'system', permission: 'audit:log:read' },
  },
]

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { title: 'route.login', public: true },
  },
  {
    // A page of its own, outside the layout: while the initial password is unchanged it is the
    // only page a user can reach.
    path: '/password',
    name: 'password',
    component: () => import('@/views/password/index.vue'),
    meta: { title: 'route.password' },
  },
  {
    path: '/',
    component: Layout,
    redirect: '/home',
    children: layoutChildren,
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/404.vue'),
    meta: { title: 'route.notFound', public: true },
  },
]

const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

installGuards(router)

export default router
