import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles/index.css'
import App from './App.vue'
import router from './router'
import { applyInitialLocale, i18n } from './locales'
import { vHasPermi } from './directives/hasPermi'

applyInitialLocale()

// Pinia first: the router's guard reads the user store on the first navigation.
createApp(App).use(createPinia()).use(i18n).use(router).directive('has-permi', vHasPermi).mount('#app')
