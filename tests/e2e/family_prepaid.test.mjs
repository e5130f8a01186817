// Browser end-to-end test of the family's prepaid classes (预收费课时, RULES R6.2): demo.parent logs in on a
// phone, finds the page in the menu, sees the one order of the tiny demo city with its class awaiting an
// answer and the auto-confirm date, confirms it, and the page then lists it as answered with less money
// held in escrow. Against the real kehou binary with the tiny demo city (`kehou seed --scale tiny`).
// Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/family_prepaid.test.mjs
// Env: see harness.mjs.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  DEMO_PASSWORD,
  PHONE,
  assertNoOverflow,
  byTestId,
  launchBrowser,
  openPage,
  startServer,
  stopServer,
  submitLogin,
  textOf,
} from './harness.mjs'

let server
let browser

/** "¥ 1,234.50" → 123450 fen. */
const fenOf = (text) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100)

describe('family prepaid classes', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('a parent on a phone confirms the class awaiting an answer', async () => {
    const { page, shot, close } = await openPage(browser, PHONE)
    await page.goto(server.url('/login'))
    const res = await submitLogin(page, 'demo.parent', DEMO_PASSWORD)
    assert.equal(res.status(), 200)
    await page.waitForURL(/\/home$/)

    // The menu (a drawer on a phone) has the page for guardians.
    await byTestId(page, 'menu-toggle').click()
    await byTestId(page, 'menu-/family/prepaid').click()
    await page.waitForURL(/\/family\/prepaid$/)

    const card = byTestId(page, 'prepaid-order')
    await card.first().waitFor()
    await shot('family-prepaid-before')
    assert.equal(await card.count(), 1, 'the demo parent has exactly one order')
    assert.notEqual(await textOf(byTestId(page, 'prepaid-institution')), '')
    assert.match(await textOf(byTestId(page, 'prepaid-paid')), /^¥ \d+\.\d{2}$/)
    const heldBefore = fenOf(await textOf(byTestId(page, 'prepaid-held')))

    const ask = byTestId(page, 'prepaid-ask')
    assert.equal(await ask.count(), 1, 'one class awaits an answer')
    const consumptionId = await ask.getAttribute('data-consumption-id')
    assert.match(await textOf(byTestId(page, 'prepaid-auto')), /\d{4}-\d{2}-\d{2}/)
    await assertNoOverflow(page, PHONE.width, 'prepaid page')

    // Confirm: a question first, then the order as the server now has it.
    await byTestId(page, 'prepaid-confirm').click()
    const box = page.locator('.el-message-box:visible')
    await box.waitFor()
    const [answer] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/family\/prepaid-orders\/\d+\/consumption-answers$/.test(new URL(r.url()).pathname)),
      box.locator('.el-button--primary').click(),
    ])
    assert.equal(answer.status(), 200)
    assert.equal((await answer.request().postDataJSON()).answer, 'confirm')

    await byTestId(page, 'prepaid-ask').waitFor({ state: 'detached' })
    const row = page.locator(`[data-testid="prepaid-answered-row"][data-consumption-id="${consumptionId}"]`)
    await row.waitFor()
    assert.match(await textOf(row), /已确认|已支付机构/)
    const heldAfter = fenOf(await textOf(byTestId(page, 'prepaid-held')))
    assert.ok(heldAfter < heldBefore, `held ${heldAfter} should be below ${heldBefore}`)
    await page.locator('.el-message--success').last().waitFor()
    await assertNoOverflow(page, PHONE.width, 'prepaid page after the answer')
    await close('family-prepaid-after')
  })
})
