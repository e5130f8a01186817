import type { Component } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { Odometer } from '@element-plus/icons-vue'
import Layout from '@/layout/index.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /// i18n key of the page title (document title, menu item, breadcrumb).
    title?: string
    /// Element Plus icon shown in the side menu.
    icon?: Component
    /// Listed in the side menu.
    menu?: boolean
  }
}

/// Pages inside the layout (header + side menu). The side menu is built from these.
export const layoutChildren: RouteRecordRaw[] = [
  {
    path: 'home',
    name: 'home',
    component: () => import('@/views/home/index.vue'),
    meta: { title: 'route.home', icon: Odometer, menu: true },
  },
]

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { title: 'route.login' },
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
    meta: { title: 'route.notFound' },
  },
]

const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

export default router
