import type { Component } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { Avatar, Document, House, OfficeBuilding, Odometer, School, Setting, Upload, User } from '@element-plus/icons-vue'
import Layout from '@/layout/index.vue'
import type { Role } from '@/api/auth'
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
    /// Only these roles see the page, whatever their grants: a family page is no use to an
    /// administrator whose `org:*:read` covers its permission.
    roles?: readonly Role[]
    /// The menu item to highlight on a page that is not in the menu itself (a detail page).
    activeMenu?: string
  }
}

/// Side-menu groups (sub-menus), in menu order; a group whose items are all hidden is not shown.
export const menuGroups = {
  org: { title: 'menu.org', icon: OfficeBuilding },
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
    path: 'family/children',
    name: 'my-children',
    component: () => import('@/views/family/children/index.vue'),
    meta: { title: 'route.myChildren', icon: House, menu: true, permission: 'org:child:read', roles: ['guardian'] },
  },
  {
    path: 'org/schools',
    name: 'org-schools',
    component: () => import('@/views/org/schools/index.vue'),
    meta: { title: 'route.orgSchools', icon: School, menu: true, group: 'org', permission: 'org:school:read' },
  },
  {
    path: 'org/schools/:id',
    name: 'org-school',
    component: () => import('@/views/org/schools/detail.vue'),
    meta: { title: 'route.orgSchool', permission: 'org:school:read', activeMenu: '/org/schools' },
  },
  {
    path: 'org/students',
    name: 'org-students',
    component: () => import('@/views/org/students/index.vue'),
    meta: { title: 'route.orgStudents', icon: User, menu: true, group: 'org', permission: 'org:student:read' },
  },
  {
    path: 'org/students/:id',
    name: 'org-student',
    component: () => import('@/views/org/students/detail.vue'),
    meta: { title: 'route.orgStudent', permission: 'org:student:read', activeMenu: '/org/students' },
  },
  {
    path: 'org/teachers',
    name: 'org-teachers',
    component: () => import('@/views/org/teachers/index.vue'),
    meta: { title: 'route.orgTeachers', icon: Avatar, menu: true, group: 'org', permission: 'org:teacher:read' },
  },
  {
    path: 'org/import',
    name: 'org-import',
    component: () => import('@/views/org/import/index.vue'),
    meta: { title: 'route.orgImport', icon: Upload, menu: true, group: 'org', permission: 'org:student:import' },
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
