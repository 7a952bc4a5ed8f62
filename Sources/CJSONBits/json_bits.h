// The quotes and backslashes of a JSON line, as bits: one 64-bit word of each per 64 bytes, bit k
// for byte k of the block. The JSON scanner walks these words instead of the bytes (as simdjson's
// first stage does): finding a string's end becomes a count of trailing zeros, not a loop over its
// bytes. Sixteen bytes are compared at once with SSE2, which every x86-64 has; other machines get
// the same bits from a byte loop.
//
// A header of static inline functions, so Swift's compiler inlines them into the scanner.
#ifndef SITREP_JSON_BITS_H
#define SITREP_JSON_BITS_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__SSE2__)
// The quote and backslash bits of the 16 bytes at `p`, in the low 16 bits of each.
static inline void sitrep_json_chunk_bits(const uint8_t *p, uint64_t *quotes,
                                          uint64_t *backslashes) {
  __m128i v = _mm_loadu_si128((const __m128i *)p);
  *quotes = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
  *backslashes = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
}
#endif

// The quote and backslash bits of the 64 bytes at `p`.
static inline void sitrep_json_block_bits(const uint8_t *p, uint64_t *quotes,
                                          uint64_t *backslashes) {
#if defined(__SSE2__)
  uint64_t q0, b0, q1, b1, q2, b2, q3, b3;
  sitrep_json_chunk_bits(p, &q0, &b0);
  sitrep_json_chunk_bits(p + 16, &q1, &b1);
  sitrep_json_chunk_bits(p + 32, &q2, &b2);
  sitrep_json_chunk_bits(p + 48, &q3, &b3);
  *quotes = q0 | q1 << 16 | q2 << 32 | q3 << 48;
  *backslashes = b0 | b1 << 16 | b2 << 32 | b3 << 48;
#else
  uint64_t q = 0, b = 0;
  for (int k = 0; k < 64; k++) {
    q |= (uint64_t)(p[k] == '"') << k;
    b |= (uint64_t)(p[k] == '\\') << k;
  }
  *quotes = q;
  *backslashes = b;
#endif
}

// The bits of the last `count` bytes (fewer than 64) of a line of `n` bytes at `line`, which
// start at `p`. Reads only the line's bytes: the final piece shorter than sixteen is read as the
// sixteen bytes ending at the line's end, shifted down, when the line is that long.
static inline void sitrep_json_tail_bits(const uint8_t *line, size_t n, const uint8_t *p,
                                         size_t count, uint64_t *quotes, uint64_t *backslashes) {
  uint64_t q = 0, b = 0;
  size_t k = 0;
#if defined(__SSE2__)
  for (; k + 16 <= count; k += 16) {
    uint64_t cq, cb;
    sitrep_json_chunk_bits(p + k, &cq, &cb);
    q |= cq << k;
    b |= cb << k;
  }
  if (k < count && n >= 16) {
    size_t rest = count - k;
    uint64_t cq, cb;
    sitrep_json_chunk_bits(line + n - 16, &cq, &cb);
    q |= (cq >> (16 - rest)) << k;
    b |= (cb >> (16 - rest)) << k;
    k = count;
  }
#else
  (void)line;
  (void)n;
#endif
  for (; k < count; k++) {
    q |= (uint64_t)(p[k] == '"') << k;
    b |= (uint64_t)(p[k] == '\\') << k;
  }
  *quotes = q;
  *backslashes = b;
}

// Fills `quotes` and `backslashes` with one word per 64 bytes of the `n` bytes at `p` ((n + 63) / 64
// words each). Reads nothing outside those bytes. Returns whether the line has any backslash.
static inline int sitrep_json_line_bits(const uint8_t *p, size_t n, uint64_t *quotes,
                                        uint64_t *backslashes) {
  size_t full = n / 64;
  uint64_t any = 0;
  for (size_t k = 0; k < full; k++) {
    sitrep_json_block_bits(p + 64 * k, &quotes[k], &backslashes[k]);
    any |= backslashes[k];
  }
  if (n > 64 * full) {
    sitrep_json_tail_bits(p, n, p + 64 * full, n - 64 * full, &quotes[full], &backslashes[full]);
    any |= backslashes[full];
  }
  return any != 0;
}

#endif
