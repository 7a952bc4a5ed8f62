// epoll(7), which Glibc's Swift module does not include: one descriptor for the run loops'
// poll(2) that wakes on inotify and on every command source's pipes.
#include <sys/epoll.h>
