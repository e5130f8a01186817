import type { RouteRecordRaw } from 'vue-router'
import { Bell, Connection, DataLine, OfficeBuilding } from '@element-plus/icons-vue'

/// 第三方机构进校园 (issue 9): the county's records and white list (a school reads the white list), the semester
/// evaluation, the exit notices; the provider's own page; the family's exit notices (phone first).
export const providerRoutes: RouteRecordRaw[] = [
  {
    path: 'providers/records',
    name: 'providers-records',
    component: () => import('@/views/providers/records/index.vue'),
    meta: {
      title: 'providers.route.records',
      icon: Connection,
      menu: true,
      group: 'providers',
      permission: 'providers:record:read',
      roles: ['district_admin', 'city_admin', 'school_admin'],
    },
  },
  {
    path: 'providers/records/:id(\\d+)',
    name: 'providers-record',
    component: () => import('@/views/providers/record/index.vue'),
    meta: {
      title: 'providers.route.record',
      permission: 'providers:record:read',
      roles: ['district_admin', 'city_admin', 'school_admin'],
      activeMenu: '/providers/records',
    },
  },
  {
    path: 'providers/evaluations',
    name: 'providers-evaluations',
    component: () => import('@/views/providers/evaluations/index.vue'),
    meta: {
      title: 'providers.route.evaluations',
      icon: DataLine,
      menu: true,
      group: 'providers',
      permission: 'providers:evaluation:read',
      roles: ['district_admin', 'city_admin'],
    },
  },
  {
    path: 'providers/notices',
    name: 'providers-notices',
    component: () => import('@/views/providers/notices/index.vue'),
    meta: {
      title: 'providers.route.notices',
      icon: Bell,
      menu: true,
      group: 'providers',
      permission: 'providers:notice:read',
      roles: ['district_admin', 'city_admin', 'school_admin'],
    },
  },
  {
    // 我的机构: a provider's only page besides the dashboard.
    path: 'providers/mine',
    name: 'providers-mine',
    component: () => import('@/views/providers/mine/index.vue'),
    meta: { title: 'providers.route.mine', icon: OfficeBuilding, menu: true, permission: 'providers:own:read', roles: ['provider'] },
  },
]

/// The family's page among the other family pages of the menu.
export const familyProviderRoutes: RouteRecordRaw[] = [
  {
    path: 'family/provider-notices',
    name: 'family-provider-notices',
    component: () => import('@/views/providers/family/index.vue'),
    meta: { title: 'providers.route.family', icon: Bell, menu: true, permission: 'providers:notice:read', roles: ['guardian'] },
  },
]
