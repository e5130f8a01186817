import type { RouteRecordRaw } from 'vue-router'
import { Checked, DataAnalysis, Files, Flag, Postcard } from '@element-plus/icons-vue'

/// 易入学 The enrollment pages (issue 8): the family's on a phone, the reviewers' and the county's.
export const familyEnrollmentRoutes: RouteRecordRaw[] = [
  {
    path: 'family/enrollment',
    name: 'family-enrollment',
    component: () => import('@/views/family/enrollment/index.vue'),
    meta: { title: 'enrollment.route.family', icon: Postcard, menu: true, permission: 'enrollment:application:read', roles: ['guardian'] },
  },
  {
    path: 'family/enrollment/apply',
    name: 'family-enrollment-apply',
    component: () => import('@/views/family/enrollment/apply.vue'),
    meta: {
      title: 'enrollment.route.apply',
      permission: 'enrollment:application:create',
      roles: ['guardian'],
      activeMenu: '/family/enrollment',
    },
  },
  {
    path: 'family/enrollment/:id(\\d+)',
    name: 'family-enrollment-application',
    component: () => import('@/views/family/enrollment/application.vue'),
    meta: {
      title: 'enrollment.route.application',
      permission: 'enrollment:application:read',
      roles: ['guardian'],
      activeMenu: '/family/enrollment',
    },
  },
]

export const enrollmentRoutes: RouteRecordRaw[] = [
  {
    path: 'enrollment/review',
    name: 'enrollment-review',
    component: () => import('@/views/enrollment/review/index.vue'),
    meta: {
      title: 'enrollment.route.review',
      icon: Checked,
      menu: true,
      group: 'enrollment',
      permission: 'enrollment:review:create',
      roles: ['school_admin', 'district_admin'],
    },
  },
  {
    path: 'enrollment/applications/:id(\\d+)',
    name: 'enrollment-application',
    component: () => import('@/views/enrollment/application/index.vue'),
    meta: {
      title: 'enrollment.route.detail',
      permission: 'enrollment:application:read',
      roles: ['school_admin', 'district_admin', 'city_admin'],
      activeMenu: '/enrollment/review',
    },
  },
  {
    path: 'enrollment/seasons',
    name: 'enrollment-seasons',
    component: () => import('@/views/enrollment/seasons/index.vue'),
    meta: {
      title: 'enrollment.route.seasons',
      icon: Flag,
      menu: true,
      group: 'enrollment',
      permission: 'enrollment:season:read',
      roles: ['district_admin', 'city_admin'],
    },
  },
  {
    path: 'enrollment/seasons/:id(\\d+)',
    name: 'enrollment-season',
    component: () => import('@/views/enrollment/seasons/detail.vue'),
    meta: {
      title: 'enrollment.route.season',
      permission: 'enrollment:season:read',
      roles: ['district_admin', 'city_admin'],
      activeMenu: '/enrollment/seasons',
    },
  },
  {
    // 录取公示 (R3.11): masked names and numbers, for anyone signed in once the season is published.
    path: 'enrollment/seasons/:id(\\d+)/public',
    name: 'enrollment-public',
    component: () => import('@/views/enrollment/public/index.vue'),
    meta: { title: 'enrollment.route.public', permission: 'enrollment:season:read' },
  },
  {
    path: 'enrollment/sources',
    name: 'enrollment-sources',
    component: () => import('@/views/enrollment/sources/index.vue'),
    meta: {
      title: 'enrollment.route.sources',
      icon: Files,
      menu: true,
      group: 'enrollment',
      permission: 'enrollment:source:read',
      roles: ['city_admin'],
    },
  },
  {
    path: 'enrollment/stats',
    name: 'enrollment-stats',
    component: () => import('@/views/enrollment/stats/index.vue'),
    meta: {
      title: 'enStats.route',
      icon: DataAnalysis,
      menu: true,
      group: 'enrollment',
      permission: 'enrollment:stats:read',
      roles: ['city_admin', 'district_admin', 'school_admin'],
    },
  },
]
