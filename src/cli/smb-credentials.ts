import {createInterface} from 'node:readline'

/** Ask for a password on the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({input: process.stdin, output: process.stderr, terminal: true})
    const write = (rl as unknown as {_writeToOutput: (s: string) => void})._writeToOutput
    ;(rl as unknown as {_writeToOutput: (s: string) => void})._writeToOutput = (s: string) => {
      if (s.includes(question)) write.call(rl, s)
    }
    rl.question(question, (answer) => {
      rl.close()
      process.stderr.write('\n')
      resolve(answer)
    })
  })
}

/** The user's own SMB login from --smb-user/--smb-password, the environment, or a prompt. */
export async function smbCredentials(user: string | undefined, password: string | undefined): Promise<{user: string; password: string} | undefined> {
  if (!user) return undefined
  const pass = password ?? process.env.HOMEAUDIT_SMB_PASSWORD ?? (process.stdin.isTTY ? await promptHidden(`SMB password for ${user}: `) : '')
  return {user, password: pass}
}
