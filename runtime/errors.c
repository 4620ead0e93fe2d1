/* libtlrt: per-thread error messages. */
#include "internal.h"
#include "tlrt.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char lastError[512];

const char *tlrt_last_error(void) { return lastError; }

void tlrt_report_error(const char *message) {
  snprintf(lastError, sizeof lastError, "%s", message ? message : "");
}

int tlrt_fail(int code, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(lastError, sizeof lastError, format, args);
  va_end(args);
  return code;
}
