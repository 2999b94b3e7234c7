#include "engine/base/mapped_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/atomic_file.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> AsVector(std::span<const uint8_t> s) { return {s.begin(), s.end()}; }

fs::path WriteTemp(const std::string& dir_name, const std::vector<uint8_t>& bytes) {
  fs::path path = testing::TempDir(dir_name) / "file.bin";
  EXPECT_TRUE(WriteFileAtomically(path.string(), bytes).ok());
  return path;
}

TEST(MappedFileTest, MapsAFile) {
  std::vector<uint8_t> bytes = {1, 2, 3, 250, 0, 7};
  fs::path path = WriteTemp("mapped_open", bytes);
  Result<MappedFile> f = MappedFile::Open(path.string());
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_TRUE(f->is_mapped());
  EXPECT_EQ(AsVector(f->bytes()), bytes);
}

TEST(MappedFileTest, AnEmptyFileGivesAnEmptyView) {
  fs::path path = WriteTemp("mapped_empty", {});
  Result<MappedFile> f = MappedFile::Open(path.string());
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_TRUE(f->bytes().empty());
  EXPECT_FALSE(f->is_mapped());
}

TEST(MappedFileTest, AMissingFileIsAnIoErrorNamingThePath) {
  fs::path path = testing::TempDir("mapped_missing") / "nope.tflite";
  Result<MappedFile> f = MappedFile::Open(path.string());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kIoError);
  EXPECT_NE(f.status().message().find("cannot open " + path.string()), std::string::npos)
      << f.status().message();
}

TEST(MappedFileTest, ADirectoryIsRefused) {
  fs::path dir = testing::TempDir("mapped_dir");
  Result<MappedFile> f = MappedFile::Open(dir.string());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(f.status().message().find("is not a regular file"), std::string::npos) << f.status().message();
}

TEST(MappedFileTest, FromBytesOwnsACopy) {
  std::vector<uint8_t> bytes = {9, 8, 7};
  MappedFile f = MappedFile::FromBytes(bytes);
  EXPECT_FALSE(f.is_mapped());
  EXPECT_EQ(AsVector(f.bytes()), bytes);
}

TEST(MappedFileTest, MovingKeepsTheBytes) {
  std::vector<uint8_t> bytes = {4, 5, 6, 7};
  fs::path path = WriteTemp("mapped_move", bytes);
  Result<MappedFile> opened = MappedFile::Open(path.string());
  ASSERT_TRUE(opened.ok());
  MappedFile mapped = std::move(opened).value();
  MappedFile moved(std::move(mapped));
  EXPECT_TRUE(moved.is_mapped());
  EXPECT_EQ(AsVector(moved.bytes()), bytes);
  EXPECT_TRUE(mapped.bytes().empty());  // NOLINT(bugprone-use-after-move): documented state

  MappedFile owned = MappedFile::FromBytes({1, 2});
  owned = std::move(moved);  // releases the owned copy, takes the mapping
  EXPECT_EQ(AsVector(owned.bytes()), bytes);

  MappedFile target = MappedFile::FromBytes({});
  target = MappedFile::FromBytes({3, 3, 3});  // owned bytes must follow the move
  EXPECT_EQ(AsVector(target.bytes()), (std::vector<uint8_t>{3, 3, 3}));
}

}  // namespace
}  // namespace litescope
