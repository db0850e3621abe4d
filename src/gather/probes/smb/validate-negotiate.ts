/**
 * SMB 3.0 / 3.0.2 downgrade check (MS-SMB2 3.2.5.3.1, 3.3.5.15.12): on a user's signed session the
 * client sends FSCTL_VALIDATE_NEGOTIATE_INFO with what its NEGOTIATE offered, and the server
 * answers, signed, with what it chose. Anyone who altered the NEGOTIATE exchange in transit (to
 * force an older dialect, or signing off) cannot forge that signed answer. 3.1.1 protects the
 * exchange with its preauth integrity hash instead, and 2.x has no such check.
 */
import type {NegotiateResponse} from './smb2.js'

export interface ValidateNegotiateAnswer {
  capabilities: number
  serverGuid: Buffer
  securityMode: number
  dialect: number
}

/** Dialects whose user sessions are validated this way. */
export const VALIDATED_DIALECTS: readonly number[] = [0x0300, 0x0302]

/** What differs between the NEGOTIATE answer the client received and the server's signed account of it; [] when they agree. */
export function negotiationMismatches(received: Pick<NegotiateResponse, 'capabilities' | 'serverGuid' | 'securityMode' | 'dialect'>, answer: ValidateNegotiateAnswer): string[] {
  const hex = (n: number, width: number) => `0x${n.toString(16).padStart(width, '0')}`
  const out: string[] = []
  if (answer.dialect !== received.dialect) out.push(`dialect ${hex(received.dialect, 4)} received, ${hex(answer.dialect, 4)} chosen`)
  if (answer.securityMode !== received.securityMode) out.push(`security mode ${received.securityMode} received, ${answer.securityMode} sent`)
  if (answer.capabilities !== received.capabilities) out.push(`capabilities ${hex(received.capabilities, 8)} received, ${hex(answer.capabilities, 8)} sent`)
  if (!answer.serverGuid.equals(received.serverGuid)) out.push('server GUID differs')
  return out
}
