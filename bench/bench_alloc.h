/* Storage for benchmark buffers, the same on both sides of every ratio
 * (bench/harness.c for tlc's code, bench/peers for the libraries):
 * page-aligned, since a malloc'd 4 MB buffer starts 16 bytes past a page
 * and every 64-byte load of it then spans two cache lines; and from 2 MiB
 * up, 2 MiB-aligned and advised as transparent huge pages, as numpy does
 * for its arrays (on 4 KiB pages the 2-thread row sums took 26.6-29.4 us
 * over 8 processes, on huge pages mostly 25.7-27.1). Exits when out of
 * memory. */
#ifndef TLC_BENCH_ALLOC_H
#define TLC_BENCH_ALLOC_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

static inline void *bench_alloc(size_t bytes) {
  const size_t huge = (size_t)1 << 21;
  size_t align = bytes >= huge ? huge : 4096;
  size_t size = (bytes + align - 1) / align * align;
  void *p = aligned_alloc(align, size ? size : align);
  if (!p) {
    fprintf(stderr, "bench: out of memory\n");
    exit(1);
  }
  if (align == huge)
    madvise(p, size, MADV_HUGEPAGE);
  return p;
}

#endif
