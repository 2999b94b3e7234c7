#include "engine/base/atomic_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> Bytes(const std::string& s) { return {s.begin(), s.end()}; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every entry of `dir`, by name: a leftover temporary file shows up here.
std::vector<std::string> Entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AtomicFileTest, WritesContentAndLeavesNoTemporaryFile) {
  fs::path dir = testing::TempDir("atomic_content");
  fs::path out = dir / "out.bin";
  ASSERT_TRUE(WriteFileAtomically(out.string(), Bytes("hello")).ok());
  EXPECT_EQ(ReadFile(out), "hello");
  EXPECT_EQ(Entries(dir), std::vector<std::string>{"out.bin"});
}

TEST(AtomicFileTest, WritesPiecesInOrder) {
  fs::path dir = testing::TempDir("atomic_pieces");
  fs::path out = dir / "out.bin";
  std::vector<uint8_t> a = Bytes("head"), b = Bytes(""), c = Bytes("-tail");
  std::span<const uint8_t> pieces[] = {a, b, c};
  ASSERT_TRUE(WriteFileAtomically(out.string(), pieces).ok());
  EXPECT_EQ(ReadFile(out), "head-tail");
}

TEST(AtomicFileTest, ReplacesAnExistingFile) {
  fs::path dir = testing::TempDir("atomic_replace");
  fs::path out = dir / "out.bin";
  ASSERT_TRUE(WriteFileAtomically(out.string(), Bytes("a much longer first version")).ok());
  ASSERT_TRUE(WriteFileAtomically(out.string(), Bytes("second")).ok());
  EXPECT_EQ(ReadFile(out), "second");
  EXPECT_EQ(Entries(dir), std::vector<std::string>{"out.bin"});
}

TEST(AtomicFileTest, WritesAnEmptyFile) {
  fs::path dir = testing::TempDir("atomic_empty");
  fs::path out = dir / "empty.bin";
  ASSERT_TRUE(WriteFileAtomically(out.string(), std::span<const uint8_t>()).ok());
  EXPECT_TRUE(fs::exists(out));
  EXPECT_EQ(fs::file_size(out), 0u);
}

// Each way of naming the source file as the output must be refused, and the source kept.
class AtomicFileSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir("atomic_source");
    source_ = dir_ / "model.tflite";
    ASSERT_TRUE(WriteFileAtomically(source_.string(), Bytes("original")).ok());
  }

  void ExpectRefused(const fs::path& out) {
    Status s = WriteFileAtomically(out.string(), Bytes("clobbered"), {source_.string()});
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("refusing to write"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("input file"), std::string::npos) << s.message();
    EXPECT_EQ(ReadFile(source_), "original");
  }

  fs::path dir_;
  fs::path source_;
};

TEST_F(AtomicFileSourceTest, RefusesTheSamePath) { ExpectRefused(source_); }

TEST_F(AtomicFileSourceTest, RefusesADifferentPathToTheSameFile) {
  ExpectRefused(dir_ / "." / "model.tflite");
  fs::create_directory(dir_ / "sub");
  ExpectRefused(dir_ / "sub" / ".." / "model.tflite");
}

TEST_F(AtomicFileSourceTest, RefusesASymlinkToTheSource) {
  fs::path link = dir_ / "link.tflite";
  fs::create_symlink(source_, link);
  ExpectRefused(link);
  EXPECT_TRUE(fs::is_symlink(link));
}

TEST_F(AtomicFileSourceTest, RefusesAHardLinkToTheSource) {
  fs::path link = dir_ / "hard.tflite";
  fs::create_hard_link(source_, link);
  ExpectRefused(link);
}

TEST_F(AtomicFileSourceTest, RefusesWhenTheSourceIsNamedThroughASymlink) {
  fs::path link = dir_ / "link.tflite";
  fs::create_symlink(source_, link);
  Status s = WriteFileAtomically(source_.string(), Bytes("clobbered"), {link.string()});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(ReadFile(source_), "original");
}

TEST_F(AtomicFileSourceTest, AllowsAnotherOutputPath) {
  fs::path out = dir_ / "converted.tflite";
  ASSERT_TRUE(WriteFileAtomically(out.string(), Bytes("new"), {source_.string()}).ok());
  EXPECT_EQ(ReadFile(out), "new");
  EXPECT_EQ(ReadFile(source_), "original");
}

TEST(AtomicFileTest, FailsInAMissingDirectoryAndLeavesNothing) {
  fs::path dir = testing::TempDir("atomic_missing");
  fs::path out = dir / "no" / "such" / "out.bin";
  Status s = WriteFileAtomically(out.string(), Bytes("data"));
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find(out.string()), std::string::npos) << s.message();
  EXPECT_TRUE(Entries(dir).empty());
}

TEST(AtomicFileTest, FailsWhenTheDestinationIsADirectoryAndLeavesNoTemporaryFile) {
  fs::path dir = testing::TempDir("atomic_dir_dest");
  fs::create_directory(dir / "taken");
  Status s = WriteFileAtomically((dir / "taken").string(), Bytes("data"));
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("rename"), std::string::npos) << s.message();
  EXPECT_EQ(Entries(dir), std::vector<std::string>{"taken"});
  EXPECT_TRUE(fs::is_directory(dir / "taken"));
}

TEST(SameFileTest, ComparesDeviceAndInode) {
  fs::path dir = testing::TempDir("same_file");
  fs::path a = dir / "a", b = dir / "b";
  ASSERT_TRUE(WriteFileAtomically(a.string(), Bytes("x")).ok());
  ASSERT_TRUE(WriteFileAtomically(b.string(), Bytes("x")).ok());
  EXPECT_TRUE(SameFile(a.string(), (dir / "." / "a").string()));
  EXPECT_FALSE(SameFile(a.string(), b.string()));  // same content, different files
  EXPECT_FALSE(SameFile(a.string(), (dir / "missing").string()));
  EXPECT_FALSE(SameFile((dir / "missing").string(), (dir / "missing").string()));
}

}  // namespace
}  // namespace litescope
