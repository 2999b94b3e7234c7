#include "engine/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace litescope {
namespace {

Status WriteAll(int fd, std::span<const uint8_t> bytes, const std::string& path) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("cannot write " + path + ": " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

Status WriteFileAtomically(const std::string& path, std::span<const std::span<const uint8_t>> pieces,
                           const std::vector<std::string>& sources) {
  for (const std::string& source : sources) {
    if (source == path || SameFile(source, path)) {
      return InvalidArgument("refusing to write " + path + ": it is the input file " + source +
                             " (choose another output path)");
    }
  }
  std::string tmp = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return IoError("cannot create a temporary file next to " + path + ": " + std::strerror(errno));
  Status status;
  for (std::span<const uint8_t> piece : pieces) {
    status = WriteAll(fd, piece, path);
    if (!status.ok()) break;
  }
  if (status.ok() && ::fchmod(fd, 0644) != 0) status = IoError("cannot set permissions of " + path);
  if (status.ok() && ::fsync(fd) != 0) status = IoError("cannot flush " + path + ": " + std::strerror(errno));
  if (::close(fd) != 0 && status.ok()) status = IoError("cannot close " + path + ": " + std::strerror(errno));
  if (status.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    status = IoError("cannot rename the temporary file to " + path + ": " + std::strerror(errno));
  }
  if (!status.ok()) ::unlink(tmp.c_str());
  return status;
}

Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> bytes,
                           const std::vector<std::string>& sources) {
  std::span<const uint8_t> one[] = {bytes};
  return WriteFileAtomically(path, one, sources);
}

}  // namespace litescope
