import type { RouteRecordRaw } from 'vue-router'
import { DataAnalysis, FirstAidKit, Sunny, Tickets } from '@element-plus/icons-vue'

/// 暑期托管 The summer custody pages (issue 9 points 6–9): the family's on a phone, the county's plans (the city and
/// the schools read them), the host school's safety plan and daily attendance, and the statistics.
export const custodyRoutes: RouteRecordRaw[] = [
  {
    path: 'family/custody',
    name: 'family-custody',
    component: () => import('@/views/custody/family/index.vue'),
    meta: { title: 'custody.route.family', icon: Sunny, menu: true, permission: 'custody:signup:read', roles: ['guardian'] },
  },
  {
    path: 'custody/plans',
    name: 'custody-plans',
    component: () => import('@/views/custody/plans/index.vue'),
    meta: {
      title: 'custody.route.plans',
      icon: Tickets,
      menu: true,
      group: 'custody',
      permission: 'custody:plan:read',
      roles: ['district_admin', 'city_admin', 'school_admin'],
    },
  },
  {
    path: 'custody/plans/new',
    name: 'custody-plan-new',
    component: () => import('@/views/custody/plans/edit.vue'),
    meta: { title: 'custody.route.newPlan', permission: 'custody:plan:create', roles: ['district_admin'], activeMenu: '/custody/plans' },
  },
  {
    path: 'custody/plans/:id(\\d+)',
    name: 'custody-plan',
    component: () => import('@/views/custody/plans/detail.vue'),
    meta: {
      title: 'custody.route.plan',
      permission: 'custody:plan:read',
      roles: ['district_admin', 'city_admin', 'school_admin'],
      activeMenu: '/custody/plans',
    },
  },
  {
    path: 'custody/plans/:id(\\d+)/edit',
    name: 'custody-plan-edit',
    component: () => import('@/views/custody/plans/edit.vue'),
    meta: { title: 'custody.route.editPlan', permission: 'custody:plan:update', roles: ['district_admin'], activeMenu: '/custody/plans' },
  },
  {
    // The host school's sites (its safety plans and daily attendance); teachers on a site's staff take attendance.
    path: 'custody/sites',
    name: 'custody-sites',
    component: () => import('@/views/custody/sites/index.vue'),
    meta: {
      title: 'custody.route.sites',
      icon: FirstAidKit,
      menu: true,
      group: 'custody',
      permission: 'custody:attendance:read',
      roles: ['school_admin', 'teacher', 'district_admin'],
    },
  },
  {
    path: 'custody/plans/:plan(\\d+)/sites/:site(\\d+)',
    name: 'custody-site',
    component: () => import('@/views/custody/sites/detail.vue'),
    meta: {
      title: 'custody.route.site',
      permission: 'custody:attendance:read',
      roles: ['school_admin', 'teacher', 'district_admin'],
      activeMenu: '/custody/sites',
    },
  },
  {
    path: 'custody/stats',
    name: 'custody-stats',
    component: () => import('@/views/custody/stats/index.vue'),
    meta: {
      title: 'custody.route.stats',
      icon: DataAnalysis,
      menu: true,
      group: 'custody',
      permission: 'custody:stats:read',
      roles: ['city_admin', 'district_admin'],
    },
  },
]
