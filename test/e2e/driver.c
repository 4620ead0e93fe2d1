/* Generic test driver for objects tlc emits: reads the inputs from .npy
 * files, calls <base>_run_packed, writes the outputs as .npy. Built with
 *   cc -DTLC_HEADER='"model.h"' -DTLC_BASE=model driver.c model.o -lm
 * Usage: driver [--accept-nonconverged] IN0.npy ... -- OUT0.npy ...
 * The shapes and dtypes come from the header's metadata tables, so one
 * driver serves every entry point; a mismatching input is an error.
 * Prints "status: N" with the entry point's return code. Any status but 0 is
 * an error (exit 1, no outputs written), except status 1 (a fixpoint did not
 * converge; the outputs hold its last iterate) with --accept-nonconverged.
 * With -DTLC_BATCHED (an entry point with a batch dimension: shape[0] is -1
 * and sizes are per row), the batch size is the first dimension of the
 * batched inputs, which must agree, and run_packed gets it and the
 * workspace's size too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include TLC_HEADER

#include "tlc_entry.h"

static const char *npyDescr(int dtype) {
  switch (dtype) {
  case TLC_DTYPE_F32: return "<f4";
  case TLC_DTYPE_F64: return "<f8";
  case TLC_DTYPE_I32: return "<i4";
  case TLC_DTYPE_I64: return "<i8";
  default: return "|b1";
  }
}

static void die(const char *what, const char *path) {
  fprintf(stderr, "driver: %s: %s\n", path, what);
  exit(2);
}

/* The batch size (-1 until the first batched input is read). */
static long long batch = -1;

/* Bytes of `info`'s tensor, for `batch` rows if it is batched. */
static size_t sizeOf(const tlc_tensor_info *info) {
  return info->rank > 0 && info->shape[0] < 0
             ? info->size_bytes * (size_t)batch
             : info->size_bytes;
}

/* Reads a v1/v2 .npy and checks it against `info`. */
static void *readNpy(const char *path, const tlc_tensor_info *info) {
  FILE *f = fopen(path, "rb");
  if (!f)
    die("cannot open", path);
  unsigned char magic[8];
  if (fread(magic, 1, 8, f) != 8 || memcmp(magic, "\x93NUMPY", 6) != 0)
    die("not a .npy file", path);
  uint32_t headerLen = 0;
  unsigned char len[4] = {0};
  if (magic[6] == 1) {
    if (fread(len, 1, 2, f) != 2)
      die("truncated", path);
    headerLen = len[0] | (len[1] << 8);
  } else {
    if (fread(len, 1, 4, f) != 4)
      die("truncated", path);
    headerLen = len[0] | (len[1] << 8) | (len[2] << 16) | ((uint32_t)len[3] << 24);
  }
  char *header = calloc(headerLen + 1, 1);
  if (fread(header, 1, headerLen, f) != headerLen)
    die("truncated header", path);
  if (!strstr(header, npyDescr(info->dtype)))
    die("dtype does not match the entry point", path);
  if (strstr(header, "'fortran_order': True"))
    die("Fortran order is not supported", path);
  /* Shape: compare the tuple's numbers. */
  const char *s = strstr(header, "'shape': (");
  if (!s)
    die("no shape", path);
  s += strlen("'shape': (");
  for (int d = 0; d < info->rank; ++d) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end != s && d == 0 && info->shape[0] < 0) {
      if (batch >= 0 && v != batch)
        die("batch size differs from an earlier input's", path);
      batch = v;
    } else if (end == s || v != info->shape[d])
      die("shape does not match the entry point", path);
    s = end;
    while (*s == ',' || *s == ' ')
      ++s;
  }
  if (*s != ')')
    die("rank does not match the entry point", path);
  free(header);
  void *data = malloc(sizeOf(info) ? sizeOf(info) : 1);
  if (fread(data, 1, sizeOf(info), f) != sizeOf(info))
    die("truncated data", path);
  fclose(f);
  return data;
}

static void writeNpy(const char *path, const tlc_tensor_info *info,
                     const void *data) {
  char header[256], shape[160] = "";
  for (int d = 0; d < info->rank; ++d) {
    char dim[32];
    snprintf(dim, sizeof(dim), "%lld,%s",
             d == 0 && info->shape[0] < 0 ? batch : (long long)info->shape[d],
             info->rank > 1 && d + 1 < info->rank ? " " : "");
    strcat(shape, dim);
  }
  if (info->rank > 1)
    shape[strlen(shape) - 1] = '\0'; /* (2, 3) rather than (2, 3,) */
  int n = snprintf(header, sizeof(header),
                   "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }",
                   npyDescr(info->dtype), shape);
  int total = 10 + n + 1;
  int pad = (64 - total % 64) % 64;
  FILE *f = fopen(path, "wb");
  if (!f)
    die("cannot write", path);
  uint16_t hl = (uint16_t)(n + pad + 1);
  fwrite("\x93NUMPY\x01\x00", 1, 8, f);
  unsigned char le[2] = {hl & 0xff, hl >> 8};
  fwrite(le, 1, 2, f);
  fwrite(header, 1, n, f);
  for (int i = 0; i < pad; ++i)
    fputc(' ', f);
  fputc('\n', f);
  fwrite(data, 1, sizeOf(info), f);
  fclose(f);
}

int main(int argc, char **argv) {
  const int numIn = NUM_INPUTS, numOut = NUM_OUTPUTS;
  int acceptNonconverged = 0;
  if (argc > 1 && strcmp(argv[1], "--accept-nonconverged") == 0) {
    acceptNonconverged = 1;
    --argc;
    ++argv;
  }
  int sep = 1;
  while (sep < argc && strcmp(argv[sep], "--") != 0)
    ++sep;
  if (sep - 1 != numIn || argc - sep - 1 != numOut) {
    fprintf(stderr, "usage: driver [--accept-nonconverged] %d inputs -- %d "
            "outputs\n", numIn, numOut);
    return 2;
  }
  void *slots[66];
#ifdef TLC_BATCHED
  /* args[] = {&batch, buffers..., workspace, &workspace_bytes}. */
  void **args = slots + 1;
#else
  void **args = slots;
#endif
  for (int i = 0; i < numIn; ++i)
    args[i] = readNpy(argv[1 + i], &INPUTS[i]);
  for (int i = 0; i < numOut; ++i) {
    /* Poison the outputs so a kernel that skips an element is caught. */
    size_t bytes = sizeOf(&OUTPUTS[i]);
    args[numIn + i] = malloc(bytes ? bytes : 1);
    memset(args[numIn + i], OUTPUTS[i].dtype == TLC_DTYPE_BOOL ? 0x01 : 0x7f,
           bytes);
  }
#ifdef TLC_BATCHED
  int64_t batchSize = batch, workspaceBytes = (int64_t)WORKSPACE_SIZE(batch);
  size_t ws = (size_t)workspaceBytes;
  slots[0] = &batchSize;
  args[numIn + numOut + 1] = &workspaceBytes;
#else
  size_t ws = WORKSPACE_SIZE();
#endif
  args[numIn + numOut] = ws ? malloc(ws) : NULL;
  /* Poisoned too: a kernel that reads a buffer it never wrote is caught
     (fresh pages would read as zeros). */
  if (ws)
    memset(args[numIn + numOut], 0x7f, ws);
  int32_t status = RUN_PACKED(slots);
  printf("status: %d\n", (int)status);
  if (status != 0 && !(status == 1 && acceptNonconverged)) {
    fprintf(stderr, "driver: run returned status %d%s\n", (int)status,
            status == 1 ? " (a fixpoint did not converge)" : "");
    return 1;
  }
  for (int i = 0; i < numOut; ++i)
    writeNpy(argv[sep + 1 + i], &OUTPUTS[i], args[numIn + i]);
  return 0;
}
