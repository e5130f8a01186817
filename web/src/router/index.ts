import type { Component } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { enrollmentRoutes, familyEnrollmentRoutes } from './enrollment'
import { familyProviderRoutes, providerRoutes } from './providers'
import { custodyRoutes } from './custody'
import {
  Avatar,
  Basketball,
  Calendar,
  Coin,
  Histogram,
  Clock,
  Collection,
  Postcard,
  Connection,
  ChatDotSquare,
  DataAnalysis,
  Document,
  EditPen,
  Memo,
  Stamp,
  Finished,
  Management,
  Notebook,
  House,
  Money,
  OfficeBuilding,
  Odometer,
  Reading,
  School,
  Setting,
  Star,
  Sunny,
  Tickets,
  DocumentChecked,
  Timer,
  TrendCharts,
  Upload,
  User,
  Van,
  Wallet,
} from '@element-plus/icons-vue'
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
  afterschool: { title: 'menu.afterschool', icon: Basketball },
  institutions: { title: 'menu.institutions', icon: Management },
  homework: { title: 'homework.menu', icon: EditPen },
  enrollment: { title: 'enrollment.menu', icon: Postcard },
  providers: { title: 'providers.menu', icon: Connection },
  custody: { title: 'custody.menu', icon: Sunny },
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
    path: 'family/afterschool',
    name: 'family-afterschool',
    component: () => import('@/views/family/afterschool/index.vue'),
    meta: {
      title: 'route.familyAfterschool',
      icon: Reading,
      menu: true,
      permission: 'afterschool:selection:read',
      roles: ['guardian'],
    },
  },
  {
    path: 'family/afterschool/dismissal',
    name: 'family-dismissal',
    component: () => import('@/views/family/afterschool/dismissal.vue'),
    meta: {
      title: 'route.familyDismissal',
      permission: 'afterschool:dismissal:read',
      roles: ['guardian'],
      activeMenu: '/family/afterschool',
    },
  },
  {
    path: 'family/service',
    name: 'family-service',
    component: () => import('@/views/family/service/index.vue'),
    meta: {
      title: 'route.familyService',
      icon: Tickets,
      menu: true,
      permission: 'afterschool:leave:read',
      roles: ['guardian'],
    },
  },
  {
    path: 'family/prepaid',
    name: 'family-prepaid',
    component: () => import('@/views/family/prepaid/index.vue'),
    meta: {
      title: 'route.familyPrepaid',
      icon: Wallet,
      menu: true,
      permission: 'institutions:family-order:read',
      roles: ['guardian'],
    },
  },
  {
    path: 'family/homework',
    name: 'family-homework',
    component: () => import('@/views/family/homework/index.vue'),
    meta: { title: 'homework.route.family', icon: Memo, menu: true, permission: 'homework:notice:read', roles: ['guardian'] },
  },
  ...familyEnrollmentRoutes,
  ...familyProviderRoutes,
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
    path: 'afterschool/courses',
    name: 'afterschool-courses',
    component: () => import('@/views/afterschool/courses/index.vue'),
    meta: {
      title: 'route.asCourses',
      icon: Collection,
      menu: true,
      group: 'afterschool',
      permission: 'afterschool:course:read',
      roles: ['school_admin', 'district_admin', 'city_admin'],
    },
  },
  {
    path: 'afterschool/windows',
    name: 'afterschool-windows',
    component: () => import('@/views/afterschool/windows/index.vue'),
    meta: {
      title: 'route.asWindows',
      icon: Timer,
      menu: true,
      group: 'afterschool',
      permission: 'afterschool:window:read',
      roles: ['school_admin', 'district_admin', 'city_admin'],
    },
  },
  {
    path: 'afterschool/service-week',
    name: 'afterschool-service-week',
    component: () => import('@/views/afterschool/service-week/index.vue'),
    meta: {
      title: 'route.asServiceWeek',
      icon: Clock,
      menu: true,
      group: 'afterschool',
      permission: 'afterschool:service-week:read',
      roles: ['school_admin', 'district_admin', 'city_admin'],
    },
  },
  {
    path: 'afterschool/fee-standards',
    name: 'afterschool-fee-standards',
    component: () => import('@/views/afterschool/fee-standards/index.vue'),
    meta: {
      title: 'route.asFeeStandards',
      icon: Money,
      menu: true,
      group: 'afterschool',
      permission: 'afterschool:fee-standard:read',
      roles: ['district_admin', 'city_admin'],
    },
  },
  // The after-school white list of before issue 9 is the providers' list now (its records, checks and moves).
  { path: 'afterschool/providers', redirect: '/providers/records' },
  {
    path: 'afterschool/roll',
    name: 'afterschool-roll',
    component: () => import('@/views/afterschool/roll/index.vue'),
    meta: {
      title: 'route.asRoll',
      icon: Finished,
      menu: true,
      group: 'afterschool',
      permission: 'afterschool:attendance:read',
      roles: ['teacher', 'school_admin'],
    },
  },
  {
    path: 'afterschool/pickup',
    name: 'afterschool-pickup',
    component: () => import('@/views/afterschool/pickup/index.vue'),
    meta: {
      title: 'route.asPickup',
      icon: Van,
      menu: true,
      group: 'afterschool',
      permission: 'afterschool:pickup:read',
      roles: ['teacher', 'school_admin'],
    },
  },
  {
    path: 'afterschool/fees',
    name: 'afterschool-fees',
    component: () => import('@/views/afterschool/fees/index.vue'),
    meta: {
      title: 'route.asFees',
      icon: Wallet,
      menu: true,
      group: 'afterschool',
      permission: 'afterschool:fee-report:read',
      roles: ['school_admin', 'district_admin'],
    },
  },
  {
    path: 'afterschool/ratings',
    name: 'afterschool-ratings',
    component: () => import('@/views/afterschool/ratings/index.vue'),
    meta: {
      title: 'route.asRatings',
      icon: Star,
      menu: true,
      group: 'afterschool',
      permission: 'afterschool:rating:read',
      roles: ['school_admin', 'district_admin'],
    },
  },
  {
    path: 'afterschool/stats',
    name: 'afterschool-stats',
    component: () => import('@/views/afterschool/stats/index.vue'),
    meta: {
      title: 'route.asStats',
      icon: DataAnalysis,
      menu: true,
      group: 'afterschool',
      permission: 'stats:afterschool:read',
      roles: ['city_admin', 'district_admin', 'school_admin'],
    },
  },
  {
    path: 'institutions',
    name: 'inst-registry',
    component: () => import('@/views/institutions/registry/index.vue'),
    meta: { title: 'route.instRegistry', icon: Notebook, menu: true, group: 'institutions', permission: 'institutions:registry:read' },
  },
  {
    path: 'institutions/:id(\\d+)',
    name: 'inst-detail',
    component: () => import('@/views/institutions/detail/index.vue'),
    meta: { title: 'route.instDetail', permission: 'institutions:registry:read', activeMenu: '/institutions' },
  },
  {
    path: 'institutions/cases',
    name: 'inst-cases',
    component: () => import('@/views/institutions/cases/index.vue'),
    meta: {
      title: 'route.instCases',
      icon: DocumentChecked,
      menu: true,
      group: 'institutions',
      permission: 'institutions:inspection:read',
    },
  },
  {
    path: 'institutions/cases/:id(\\d+)',
    name: 'inst-case',
    component: () => import('@/views/institutions/case/index.vue'),
    meta: { title: 'route.instCase', permission: 'institutions:inspection:read', activeMenu: '/institutions/cases' },
  },
  {
    path: 'institutions/complaints',
    name: 'inst-complaints',
    component: () => import('@/views/institutions/complaints/index.vue'),
    meta: { title: 'cmp.route.list', icon: ChatDotSquare, menu: true, group: 'institutions', permission: 'institutions:complaint:read' },
  },
  {
    path: 'institutions/complaints/:id(\\d+)',
    name: 'inst-complaint',
    component: () => import('@/views/institutions/complaints/detail.vue'),
    meta: { title: 'cmp.route.detail', permission: 'institutions:complaint:read', activeMenu: '/institutions/complaints' },
  },
  {
    path: 'institutions/reduction',
    name: 'inst-reduction',
    component: () => import('@/views/institutions/reduction/index.vue'),
    meta: {
      title: 'route.instReduction',
      icon: TrendCharts,
      menu: true,
      group: 'institutions',
      permission: 'institutions:report:read',
    },
  },
  {
    path: 'institutions/calendar',
    name: 'inst-calendar',
    component: () => import('@/views/institutions/calendar/index.vue'),
    meta: { title: 'instOps.route.calendar', icon: Calendar, menu: true, group: 'institutions', permission: 'institutions:calendar:read' },
  },
  {
    path: 'institutions/escrow',
    name: 'inst-escrow',
    component: () => import('@/views/institutions/escrow/index.vue'),
    meta: { title: 'instOps.route.escrow', icon: Coin, menu: true, group: 'institutions', permission: 'institutions:escrow:read' },
  },
  {
    path: 'institutions/stats',
    name: 'inst-stats',
    component: () => import('@/views/institutions/stats/index.vue'),
    meta: { title: 'instOps.route.stats', icon: Histogram, menu: true, group: 'institutions', permission: 'institutions:report:read' },
  },
  {
    path: 'homework/publish',
    name: 'homework-publish',
    component: () => import('@/views/homework/publish/index.vue'),
    meta: {
      title: 'homework.route.publish',
      icon: EditPen,
      menu: true,
      group: 'homework',
      permission: 'homework:assignment:create',
      roles: ['teacher', 'school_admin'],
    },
  },
  {
    path: 'homework/board',
    name: 'homework-board',
    component: () => import('@/views/homework/board/index.vue'),
    meta: {
      title: 'homework.route.board',
      icon: Tickets,
      menu: true,
      group: 'homework',
      permission: 'homework:assignment:read',
      roles: ['school_admin', 'teacher'],
    },
  },
  {
    path: 'homework/approvals',
    name: 'homework-approvals',
    component: () => import('@/views/homework/approvals/index.vue'),
    meta: {
      title: 'homework.route.approvals',
      icon: Stamp,
      menu: true,
      group: 'homework',
      permission: 'homework:approval:update',
      roles: ['teacher', 'school_admin'],
    },
  },
  {
    path: 'homework/school-settings',
    name: 'homework-school-settings',
    component: () => import('@/views/homework/school-settings/index.vue'),
    meta: {
      title: 'homework.route.schoolSettings',
      icon: Setting,
      menu: true,
      group: 'homework',
      permission: 'homework:settings:update',
      roles: ['school_admin'],
    },
  },
  {
    path: 'homework/county-settings',
    name: 'homework-county-settings',
    component: () => import('@/views/homework/county-settings/index.vue'),
    meta: {
      title: 'homework.route.countySettings',
      icon: Timer,
      menu: true,
      group: 'homework',
      permission: 'homework:settings:read',
      roles: ['district_admin', 'city_admin'],
    },
  },
  {
    path: 'homework/reports',
    name: 'homework-reports',
    component: () => import('@/views/homework/reports/index.vue'),
    meta: {
      title: 'hwReports.route',
      icon: TrendCharts,
      menu: true,
      group: 'homework',
      permission: 'homework:report:read',
      roles: ['city_admin', 'district_admin', 'school_admin', 'teacher'],
    },
  },
  ...enrollmentRoutes,
  ...providerRoutes,
  ...custodyRoutes,
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
    // The public pages (no log-in, phone first): the white/black-list look-up and the complaint form.
    path: '/public/institutions',
    name: 'public-institutions',
    component: () => import('@/views/public/lookup/index.vue'),
    meta: { title: 'pub.route.lookup', public: true },
  },
  {
    path: '/public/report',
    name: 'public-report',
    component: () => import('@/views/public/report/index.vue'),
    meta: { title: 'pub.route.report', public: true },
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
    // 录取通知书: outside the layout, so the print holds the A4 notice alone (the family and staff).
    path: '/enrollment/notice/:id(\\d+)',
    name: 'enrollment-notice',
    component: () => import('@/views/enrollment/notice/index.vue'),
    meta: { title: 'enrollment.route.notice', permission: 'enrollment:application:read' },
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
