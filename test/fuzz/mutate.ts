/**
 * A small deterministic mutation fuzzer: from real captured inputs it makes truncations, bit
 * flips, byte insertions and deletions, duplicated chunks, inflated numbers and random
 * garbage. Seeded, so a failure names the case that reproduces it.
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 0x100000000
  }
}

export function mutate(input: Buffer, random: () => number): Buffer {
  const pick = (n: number) => Math.floor(random() * n)
  const bytes = Buffer.from(input)
  switch (pick(8)) {
    case 0:
      return bytes.subarray(0, pick(bytes.length + 1))
    case 1: {
      for (let i = 0; i < 1 + pick(8); i++) if (bytes.length) bytes[pick(bytes.length)]! ^= 1 << pick(8)
      return bytes
    }
    case 2: {
      const at = pick(bytes.length + 1)
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(Array.from({length: 1 + pick(64)}, () => pick(256))), bytes.subarray(at)])
    }
    case 3: {
      const at = pick(bytes.length + 1)
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + pick(64))])
    }
    case 4: {
      const at = pick(bytes.length + 1)
      const chunk = bytes.subarray(at, at + 1 + pick(512))
      return Buffer.concat([bytes.subarray(0, at), ...Array.from({length: 2 + pick(20)}, () => chunk), bytes.subarray(at)])
    }
    case 5: {
      // inflate a length-like field: 2 or 4 bytes set to large values
      if (bytes.length >= 4) {
        const at = pick(bytes.length - 3)
        bytes.writeUInt32LE(pick(2) ? 0xffffffff : pick(0x100000), at)
      }
      return bytes
    }
    case 6: {
      // textual: replace a number with a huge one, or a tag/name with a long one
      const text = bytes.toString('latin1')
      return Buffer.from(text.replace(/\d+/, () => '9'.repeat(1 + pick(40))).replace(/>([^<]{0,20})</, () => `>${'A'.repeat(pick(5000))}<`), 'latin1')
    }
    default:
      return Buffer.from(Array.from({length: pick(2048)}, () => pick(256)))
  }
}

/** Run `fn` over `count` mutations of the seeds; collect what threw (the caller asserts none did). */
export function fuzz(seeds: readonly Buffer[], count: number, fn: (input: Buffer) => void, seed = 1): {cases: number; failures: Array<{case: number; error: string}>} {
  const random = rng(seed)
  const failures: Array<{case: number; error: string}> = []
  for (let i = 0; i < count; i++) {
    const input = mutate(seeds[i % seeds.length]!, random)
    try {
      fn(input)
    } catch (error) {
      if (failures.length < 5) failures.push({case: i, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error)})
    }
  }
  return {cases: count, failures}
}
