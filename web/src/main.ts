import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles/index.css'
import App from './App.vue'
import router from './router'
import { applyInitialLocale, i18n } from './locales'

applyInitialLocale()

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
