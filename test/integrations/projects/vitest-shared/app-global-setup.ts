// Stands for a user's globalSetup that starts an app server once: it reads the LLM URL from the
// environment, which standin's globalSetup (run first) pointed at the shared mock.
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  interface ProvidedContext {
    appLlmUrl: string | undefined
  }
}

export default function startApp(project: TestProject): void {
  project.provide('appLlmUrl', process.env.OPENAI_BASE_URL)
}
