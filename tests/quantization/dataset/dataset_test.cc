// Dataset: image folders with labels, odd files and odd sizes; .npy and .npz batches (zip members
// written here with zlib, independently of our reader); random data; and the errors.
#include "quantization/dataset/dataset.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <iterator>

#include "tests/quantization/tiny_models.h"

namespace litescope::testing {
namespace {

namespace fs = std::filesystem;

void Put(std::vector<uint8_t>& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(i < 8 ? static_cast<uint8_t>(v >> (8 * i)) : 0);
}

// A zip of .npy members as numpy's savez writes it (stored), or deflated as savez_compressed does.
void WriteNpz(const fs::path& path, const std::vector<std::pair<std::string, NpyArray>>& members, bool compress) {
  std::vector<uint8_t> file, directory;
  for (const auto& [name, array] : members) {
    const std::vector<uint8_t> raw = SerializeNpy(array);
    std::vector<uint8_t> data = raw;
    if (compress) {
      z_stream z{};
      ASSERT_EQ(deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
      data.resize(deflateBound(&z, raw.size()));
      z.next_in = const_cast<Bytef*>(raw.data());
      z.avail_in = static_cast<uInt>(raw.size());
      z.next_out = data.data();
      z.avail_out = static_cast<uInt>(data.size());
      ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
      data.resize(z.total_out);
      deflateEnd(&z);
    }
    const uint32_t crc = static_cast<uint32_t>(crc32(0, raw.data(), static_cast<uInt>(raw.size())));
    const std::string member = name + ".npy";
    const uint64_t offset = file.size();
    for (std::vector<uint8_t>* out : {&file, &directory}) {
      const bool central = out == &directory;
      Put(*out, central ? 0x02014b50 : 0x04034b50, 4);
      if (central) Put(*out, 20, 2);
      Put(*out, 20, 2);
      Put(*out, 0, 2);
      Put(*out, compress ? 8 : 0, 2);
      Put(*out, 0, 4);  // time, date
      Put(*out, crc, 4);
      Put(*out, data.size(), 4);
      Put(*out, raw.size(), 4);
      Put(*out, member.size(), 2);
      Put(*out, 0, 2);
      if (central) {
        Put(*out, 0, 2 + 2 + 2 + 4);  // comment, disk, internal and external attributes
        Put(*out, offset, 4);
      }
      out->insert(out->end(), member.begin(), member.end());
      if (!central) out->insert(out->end(), data.begin(), data.end());
    }
  }
  const uint64_t directory_offset = file.size();
  file.insert(file.end(), directory.begin(), directory.end());
  Put(file, 0x06054b50, 4);
  Put(file, 0, 4);
  Put(file, members.size(), 2);
  Put(file, members.size(), 2);
  Put(file, directory.size(), 4);
  Put(file, directory_offset, 4);
  Put(file, 0, 2);
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
}

NpyArray Floats(std::vector<int32_t> shape, float first) {
  NpyArray a{tflite::TensorType_FLOAT32, std::move(shape), {}};
  std::vector<float> v(static_cast<size_t>(ElementCount(a.shape)));
  for (size_t i = 0; i < v.size(); ++i) v[i] = first + 0.25f * static_cast<float>(i);
  a.data.resize(v.size() * 4);
  std::memcpy(a.data.data(), v.data(), a.data.size());
  return a;
}

QuantParams Int8Quant(float scale, int64_t zero_point) { return {{scale}, {zero_point}, 0, {}, {}}; }

TEST(Dataset, ImageFolderWithLabelsOddFilesAndOddSizes) {
  const fs::path dir = TempDir("dataset_images");
  WriteBmp(dir / "data" / "Cat" / "a.bmp", 4, 4, 3, 1);
  WriteBmp(dir / "data" / "cat" / "b.bmp", 4, 4, 3, 2);
  WriteBmp(dir / "data" / "dog" / "c.bmp", 8, 6, 3, 3);  // another size: resized
  WriteBmp(dir / "data" / "bird" / "d.bmp", 4, 4, 3, 4);  // not in the label file
  WriteText(dir / "data" / "dog" / "notes.txt", "not an image");
  WriteText(dir / "labels.txt", "dog\nCAT\n");
  TinyModel f = TinyModel::Unary(tflite::BuiltinOperator_RELU, tflite::TensorType_FLOAT32, {1, 4, 4, 3});
  DatasetSpec spec{{(dir / "data").string()}, "", 10, 1, (dir / "labels.txt").string()};
  Result<Dataset> data = Dataset::Open(spec, *f.it);
  ASSERT_TRUE(data.ok()) << data.status().message();
  ASSERT_EQ(data->size(), 4);
  const DatasetNotes& notes = data->notes();
  EXPECT_FALSE(notes.random);
  EXPECT_EQ(notes.requested, 10);
  EXPECT_EQ(notes.used, 4);
  EXPECT_EQ(notes.resized, 1);
  ASSERT_EQ(notes.skipped.size(), 1u);
  EXPECT_NE(notes.skipped[0].find("notes.txt: "), std::string::npos) << notes.skipped[0];
  std::string warnings;
  for (const std::string& w : notes.warnings) warnings += w + "\n";
  EXPECT_NE(warnings.find("only 4 usable samples for the 10 requested"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("1 images of another size resized to 4x4"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("range=-1:1"), std::string::npos) << warnings;
  // Sorted by path: Cat/a, bird/d, cat/b, dog/c.
  EXPECT_EQ(data->name(0), "a.bmp");
  EXPECT_EQ(data->label(0), 1);
  EXPECT_EQ(data->label(1), -1);
  EXPECT_EQ(data->label(2), 1);
  EXPECT_EQ(data->label(3), 0);

  // Pixel 0 of a.bmp is byte 1: -1 + 2 * 1 / 255 in the float model.
  ASSERT_TRUE(data->Fill(0, *f.it).ok());
  EXPECT_FLOAT_EQ(f.it->input(0)->data<float>()[0], -1.0f + 2.0f / 255.0f);
  EXPECT_FLOAT_EQ(f.it->input(0)->data<float>()[1], -1.0f + 2.0f * 14 / 255.0f);
  // The int8 twin (scale 1/128, zero point 0) gets the same real values, quantized.
  TinyModel q = TinyModel::Unary(tflite::BuiltinOperator_RELU, tflite::TensorType_INT8, {1, 4, 4, 3}, Int8Quant(1.0f / 128, 0));
  ASSERT_TRUE(data->Fill(0, *q.it).ok());
  EXPECT_EQ(q.it->input(0)->data<int8_t>()[0], static_cast<int8_t>(std::round((-1.0 + 2.0 / 255) * 128)));
  EXPECT_EQ(q.it->input(0)->data<int8_t>()[1], static_cast<int8_t>(std::round((-1.0 + 2.0 * 14 / 255) * 128)));
}

TEST(Dataset, NpyBatchesSingleSamplesAndSeededChoice) {
  const fs::path dir = TempDir("dataset_npy");
  WriteFloatNpy(dir / "batch.npy", {5, 2, 3}, std::vector<float>(30, 0.5f));
  std::vector<float> leading(30);
  for (size_t i = 0; i < leading.size(); ++i) leading[i] = static_cast<float>(i);
  WriteFloatNpy(dir / "leading.npy", {5, 2, 3}, leading);
  TinyModel f = TinyModel::Unary(tflite::BuiltinOperator_RELU, tflite::TensorType_FLOAT32, {1, 2, 3});
  Result<Dataset> all = Dataset::Open({{(dir / "leading.npy").string()}, "", 100, 1, ""}, *f.it);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 5);
  EXPECT_EQ(all->name(2), "leading.npy[2]");
  ASSERT_TRUE(all->Fill(2, *f.it).ok());
  EXPECT_EQ(f.it->input(0)->data<float>()[0], 12.0f);
  EXPECT_EQ(all->preprocess(), "");

  WriteFloatNpy(dir / "rank_plus_one.npy", {4, 1, 2, 3}, std::vector<float>(24, 0.25f));
  WriteFloatNpy(dir / "single.npy", {1, 2, 3}, std::vector<float>(6, -0.5f));
  DatasetSpec three{{dir.string()}, "", 3, 7, ""};
  Result<Dataset> a = Dataset::Open(three, *f.it);
  Result<Dataset> b = Dataset::Open(three, *f.it);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->size(), 3);
  EXPECT_EQ(a->notes().used, 3);
  EXPECT_TRUE(a->notes().warnings.empty());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(a->name(i), b->name(i));  // the seed decides
  DatasetSpec other = three;
  other.seed = 8;
  Result<Dataset> c = Dataset::Open(other, *f.it);
  ASSERT_TRUE(c.ok());
  std::string names_a, names_c;
  for (int i = 0; i < 3; ++i) names_a += a->name(i) + ",", names_c += c->name(i) + ",";
  EXPECT_NE(names_a, names_c) << "15 samples, 3 chosen: seeds 7 and 8 should differ";
}

TEST(Dataset, CorruptAndWrongShapedArraysAreSkippedOrRefused) {
  const fs::path dir = TempDir("dataset_corrupt");
  WriteText(dir / "bad.npy", "\x93NUMPY garbage that is not a header");
  WriteFloatNpy(dir / "wrong.npy", {2, 3, 3}, std::vector<float>(18, 0));
  WriteFloatNpy(dir / "good.npy", {1, 2, 3}, std::vector<float>(6, 0));
  TinyModel f = TinyModel::Unary(tflite::BuiltinOperator_RELU, tflite::TensorType_FLOAT32, {1, 2, 3});
  Result<Dataset> d = Dataset::Open({{dir.string()}, "", 100, 1, ""}, *f.it);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->size(), 1);
  ASSERT_EQ(d->notes().skipped.size(), 2u);
  EXPECT_NE(d->notes().skipped[0].find("bad.npy: cannot read"), std::string::npos) << d->notes().skipped[0];
  EXPECT_NE(d->notes().skipped[1].find("wrong.npy: holds FLOAT32[2, 3, 3], input 'input' is FLOAT32[1, 2, 3]"),
            std::string::npos) << d->notes().skipped[1];

  Result<Dataset> only_bad = Dataset::Open({{(dir / "bad.npy").string()}, "", 100, 1, ""}, *f.it);
  ASSERT_FALSE(only_bad.ok());
  EXPECT_NE(only_bad.status().message().find("no usable sample in " + (dir / "bad.npy").string()), std::string::npos);
  EXPECT_NE(only_bad.status().message().find("bad.npy: cannot read"), std::string::npos) << only_bad.status().message();

  Result<Dataset> missing = Dataset::Open({{(dir / "none").string()}, "", 100, 1, ""}, *f.it);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "dataset path " + (dir / "none").string() + " does not exist");
  fs::create_directories(dir / "empty");
  Result<Dataset> empty = Dataset::Open({{(dir / "empty").string()}, "", 100, 1, ""}, *f.it);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("holds no file"), std::string::npos);
  // Images for a model whose input is not an image.
  WriteBmp(dir / "img" / "x.bmp", 2, 2, 3, 0);
  Result<Dataset> images = Dataset::Open({{(dir / "img").string()}, "", 100, 1, ""}, *f.it);
  ASSERT_FALSE(images.ok());
  EXPECT_NE(images.status().message().find("x.bmp: the model's input is not usable as an image"), std::string::npos)
      << images.status().message();
  Result<Dataset> bad_spec = Dataset::Open({{dir.string()}, "range=3:1", 100, 1, ""}, *f.it);
  EXPECT_FALSE(bad_spec.ok());
}

ModelBuilder TwoInputAdd() {
  ModelBuilder b;
  const int x = b.AddTensor("x", tflite::TensorType_FLOAT32, {1, 3});
  const int y = b.AddTensor("serving:y", tflite::TensorType_FLOAT32, {1, 3});
  const int out = b.AddTensor("sum", tflite::TensorType_FLOAT32, {1, 3});
  b.AddOperator(tflite::BuiltinOperator_ADD, {x, y}, {out});
  b.SetInputs({x, y});
  b.SetOutputs({out});
  return b;
}

TEST(Dataset, NpzByNameInOrderStoredAndDeflated) {
  const fs::path dir = TempDir("dataset_npz");
  ModelBuilder builder = TwoInputAdd();
  TinyModel m = TinyModel::Load(builder);
  // Named (in reverse order; "serving:y" saved as numpy keyword "serving_y"), a batch of 2.
  WriteNpz(dir / "named.npz", {{"serving_y", Floats({2, 3}, 100)}, {"x", Floats({2, 3}, 0)}}, false);
  Result<Dataset> named = Dataset::Open({{(dir / "named.npz").string()}, "", 100, 1, ""}, *m.it);
  ASSERT_TRUE(named.ok()) << named.status().message();
  ASSERT_EQ(named->size(), 2);
  ASSERT_TRUE(named->Fill(1, *m.it).ok());
  EXPECT_EQ(m.it->input(0)->data<float>()[0], 0.75f);
  EXPECT_EQ(m.it->input(1)->data<float>()[0], 100.75f);
  // In order (arr_0, arr_1), deflated, one sample each.
  WriteNpz(dir / "ordered.npz", {{"arr_0", Floats({1, 3}, 1)}, {"arr_1", Floats({1, 3}, 2)}}, true);
  Result<Dataset> ordered = Dataset::Open({{(dir / "ordered.npz").string()}, "", 100, 1, ""}, *m.it);
  ASSERT_TRUE(ordered.ok()) << ordered.status().message();
  ASSERT_EQ(ordered->size(), 1);
  ASSERT_TRUE(ordered->Fill(0, *m.it).ok());
  EXPECT_EQ(m.it->input(1)->data<float>()[2], 2.5f);
  EXPECT_EQ(ordered->notes().warnings.size(), 1u);  // fewer than the 100 requested
  // Three arrays for two inputs; a .npy for a two-input model.
  WriteNpz(dir / "three.npz", {{"a", Floats({1, 3}, 1)}, {"b", Floats({1, 3}, 2)}, {"c", Floats({1, 3}, 2)}}, false);
  WriteFloatNpy(dir / "one.npy", {1, 3}, {1, 2, 3});
  Result<Dataset> bad = Dataset::Open({{(dir / "three.npz").string(), (dir / "one.npy").string()}, "", 100, 1, ""}, *m.it);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("three.npz: holds arrays [a, b, c], the model's inputs are [x, serving:y]"),
            std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("one.npy: a .npy file feeds a model with one input, this one has 2"),
            std::string::npos) << bad.status().message();
  // A corrupt archive (one byte of the member changed: the CRC catches it).
  std::ifstream in(dir / "named.npz", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bytes[100] ^= 0x55;
  WriteText(dir / "corrupt" / "x.npz", bytes);
  Result<Dataset> corrupt = Dataset::Open({{(dir / "corrupt").string()}, "", 100, 1, ""}, *m.it);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_NE(corrupt.status().message().find("CRC mismatch"), std::string::npos) << corrupt.status().message();
}

TEST(Dataset, RandomDataIsReproducibleAndCoversEachInputsRange) {
  TinyModel f = TinyModel::Unary(tflite::BuiltinOperator_RELU, tflite::TensorType_FLOAT32, {1, 64});
  Result<Dataset> d = Dataset::Open({{}, "", 3, 5, ""}, *f.it);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->notes().random);
  EXPECT_EQ(d->size(), 3);
  EXPECT_EQ(d->name(2), "random #2");
  ASSERT_EQ(d->notes().warnings.size(), 1u);
  EXPECT_NE(d->notes().warnings[0].find("NO DATA GIVEN"), std::string::npos);
  ASSERT_TRUE(d->Fill(1, *f.it).ok());
  const std::vector<float> first(f.it->input(0)->data<float>(), f.it->input(0)->data<float>() + 64);
  ASSERT_TRUE(d->Fill(0, *f.it).ok());
  ASSERT_TRUE(d->Fill(1, *f.it).ok());
  EXPECT_EQ(first, std::vector<float>(f.it->input(0)->data<float>(), f.it->input(0)->data<float>() + 64));
  float lo = 1, hi = -1;
  for (float v : first) lo = std::min(lo, v), hi = std::max(hi, v);
  EXPECT_GE(lo, -1.0f);
  EXPECT_LE(hi, 1.0f);
  EXPECT_LT(lo, -0.5f);
  EXPECT_GT(hi, 0.5f);
  // The int8 twin gets the same values quantized (scale 1/100: within half a step).
  TinyModel q = TinyModel::Unary(tflite::BuiltinOperator_RELU, tflite::TensorType_INT8, {1, 64}, Int8Quant(0.01f, 0));
  ASSERT_TRUE(d->Fill(1, *q.it).ok());
  for (int i = 0; i < 64; ++i) EXPECT_NEAR(q.it->input(0)->data<int8_t>()[i] * 0.01f, first[static_cast<size_t>(i)], 0.0051f);
  // Opened on a quantized model: its representable range, [0.01 * (-128 - 10), 0.01 * (127 - 10)].
  TinyModel q10 = TinyModel::Unary(tflite::BuiltinOperator_RELU, tflite::TensorType_INT8, {1, 64}, Int8Quant(0.01f, 10));
  Result<Dataset> dq = Dataset::Open({{}, "", 1, 5, ""}, *q10.it);
  ASSERT_TRUE(dq.ok());
  ASSERT_TRUE(dq->Fill(0, *f.it).ok());
  lo = 10, hi = -10;
  for (int i = 0; i < 64; ++i) lo = std::min(lo, f.it->input(0)->data<float>()[i]), hi = std::max(hi, f.it->input(0)->data<float>()[i]);
  EXPECT_GE(lo, -1.38f);
  EXPECT_LE(hi, 1.17f);
  EXPECT_GT(hi, 1.0f);
  // A model of another shape is refused.
  TinyModel other = TinyModel::Unary(tflite::BuiltinOperator_RELU, tflite::TensorType_FLOAT32, {1, 32});
  Status s = d->Fill(0, *other.it);
  EXPECT_NE(s.message().find("input 0 ('input') is [1, 32], the dataset was opened for [1, 64]"), std::string::npos)
      << s.message();
  EXPECT_FALSE(Dataset::Open({{}, "", 0, 5, ""}, *f.it).ok());
}

}  // namespace
}  // namespace litescope::testing
