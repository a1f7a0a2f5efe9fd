/**
 * Runs the app on its own (what Playwright's webServer starts): any free port, announced on stdout.
 */
import { startApp } from './server.mjs'

const app = await startApp({ port: Number(process.env.PORT ?? 0) })
// Playwright's webServer `wait.stdout` reads this line to learn the port (APP_URL).
console.log(`app listening on ${app.url} (LLM at ${app.llmBaseURL})`)

const stop = () => void app.close().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
