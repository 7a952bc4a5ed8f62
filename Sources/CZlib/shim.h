// zlib, for reading gzip-compressed rotated logs (`app.log.2.gz`) during backfill.
#include <zlib.h>
