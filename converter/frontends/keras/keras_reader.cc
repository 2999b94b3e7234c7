#include "converter/frontends/keras/keras_reader.h"

#include <hdf5.h>

#include <cstring>
#include <filesystem>
#include <type_traits>
#include <utility>

namespace litescope::keras {
namespace {

static_assert(std::is_same_v<hid_t, int64_t>, "KerasFile keeps hid_t values as int64_t");

// Silences HDF5's automatic error printing for the lifetime of the object (the library prints
// its whole error stack to stderr by default); the previous handler comes back afterwards.
class QuietHdf5 {
 public:
  QuietHdf5() {
    H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietHdf5() { H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_); }
  QuietHdf5(const QuietHdf5&) = delete;
  QuietHdf5& operator=(const QuietHdf5&) = delete;

 private:
  H5E_auto2_t old_func_ = nullptr;
  void* old_data_ = nullptr;
};

// The innermost messages of HDF5's current error stack ("truncated file: eof = 1000, ...").
std::string Hdf5Error() {
  std::vector<std::string> messages;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* e, void* data) -> herr_t {
        auto* out = static_cast<std::vector<std::string>*>(data);
        if (e->desc != nullptr && *e->desc != '\0') out->emplace_back(e->desc);
        return 0;
      },
      &messages);
  H5Eclear2(H5E_DEFAULT);
  if (messages.empty()) return "unknown HDF5 error";
  // The deepest entry says what actually broke; the top one what the library was doing.
  std::string text = messages.back();
  if (messages.size() > 1 && messages.front() != messages.back()) text = messages.front() + " (" + text + ")";
  return text;
}

// Closes an HDF5 handle of any kind when it goes out of scope.
class Handle {
 public:
  explicit Handle(hid_t id = -1) : id_(id) {}
  ~Handle() {
    if (id_ >= 0) H5Idec_ref(id_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  hid_t get() const { return id_; }
  bool ok() const { return id_ >= 0; }

 private:
  hid_t id_;
};

bool HasAttribute(hid_t loc, const std::string& name) { return H5Aexists(loc, name.c_str()) > 0; }

// A string attribute (scalar or 1-D array, fixed or variable length) as its strings.
Result<std::vector<std::string>> ReadStrings(hid_t loc, const std::string& name) {
  Handle attr(H5Aopen(loc, name.c_str(), H5P_DEFAULT));
  if (!attr.ok()) return InvalidArgument("cannot open attribute " + name + ": " + Hdf5Error());
  Handle type(H5Aget_type(attr.get()));
  Handle space(H5Aget_space(attr.get()));
  if (!type.ok() || !space.ok()) return InvalidArgument("cannot read attribute " + name + ": " + Hdf5Error());
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0 || count > (1 << 24)) return InvalidArgument("attribute " + name + " has a bad size");
  std::vector<std::string> out;
  // An empty list (a layer without weights) is a 0-length array, of float64 when h5py wrote it.
  if (count == 0) return out;
  if (H5Tget_class(type.get()) != H5T_STRING) return InvalidArgument("attribute " + name + " is not a string");
  if (H5Tis_variable_str(type.get()) > 0) {
    Handle mem(H5Tcopy(H5T_C_S1));
    H5Tset_size(mem.get(), H5T_VARIABLE);
    H5Tset_cset(mem.get(), H5Tget_cset(type.get()));
    std::vector<char*> ptrs(static_cast<size_t>(count), nullptr);
    if (H5Aread(attr.get(), mem.get(), ptrs.data()) < 0)
      return InvalidArgument("cannot read attribute " + name + ": " + Hdf5Error());
    for (char* p : ptrs) out.emplace_back(p != nullptr ? p : "");
    H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, ptrs.data());
    return out;
  }
  const size_t size = H5Tget_size(type.get());
  if (size == 0 || size > (size_t{1} << 30) / static_cast<size_t>(std::max<hssize_t>(count, 1)))
    return InvalidArgument("attribute " + name + " has a bad string size");
  // Read the bytes as stored: h5py writes numpy "S<n>" strings NULLPAD, exactly n bytes long,
  // which a conversion to C's NULLTERM strings would cut by one character.
  Handle mem(H5Tcopy(type.get()));
  std::vector<char> buffer(size * static_cast<size_t>(count));
  if (H5Aread(attr.get(), mem.get(), buffer.data()) < 0)
    return InvalidArgument("cannot read attribute " + name + ": " + Hdf5Error());
  for (hssize_t i = 0; i < count; ++i) {
    const char* s = buffer.data() + static_cast<size_t>(i) * size;
    out.emplace_back(s, strnlen(s, size));
  }
  return out;
}

// Keras splits attributes over 64 KB into `name0`, `name1`, ... (save_attributes_to_hdf5_group).
Result<std::vector<std::string>> ReadStringList(hid_t loc, const std::string& name) {
  if (HasAttribute(loc, name)) return ReadStrings(loc, name);
  std::vector<std::string> all;
  for (int chunk = 0; HasAttribute(loc, name + std::to_string(chunk)); ++chunk) {
    Result<std::vector<std::string>> part = ReadStrings(loc, name + std::to_string(chunk));
    if (!part.ok()) return part.status();
    all.insert(all.end(), part->begin(), part->end());
  }
  return all;
}

Result<std::string> ReadString(hid_t loc, const std::string& name) {
  Result<std::vector<std::string>> s = ReadStrings(loc, name);
  if (!s.ok()) return s.status();
  if (s->size() != 1) return InvalidArgument("attribute " + name + " holds " + std::to_string(s->size()) + " strings, 1 expected");
  return std::move(s->front());
}

Result<Weight> ReadWeight(hid_t group, const std::string& name) {
  Handle set(H5Dopen2(group, name.c_str(), H5P_DEFAULT));
  if (!set.ok()) return InvalidArgument("cannot open weight " + name + ": " + Hdf5Error());
  Handle type(H5Dget_type(set.get()));
  Handle space(H5Dget_space(set.get()));
  if (!type.ok() || !space.ok()) return InvalidArgument("cannot read weight " + name + ": " + Hdf5Error());
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_FLOAT && cls != H5T_INTEGER) return InvalidArgument("weight " + name + " is not numeric");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0 || rank > 8) return InvalidArgument("weight " + name + " has a bad rank");
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  Weight w;
  w.name = name;
  uint64_t elements = 1;
  for (hsize_t d : dims) {
    if (d > (1u << 30)) return InvalidArgument("weight " + name + " has a dimension of " + std::to_string(d));
    elements *= d;
    if (elements > (uint64_t{1} << 31)) return InvalidArgument("weight " + name + " is too large");
    w.shape.push_back(static_cast<int32_t>(d));
  }
  w.data.resize(static_cast<size_t>(elements));
  if (elements > 0 && H5Dread(set.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, w.data.data()) < 0)
    return InvalidArgument("cannot read weight " + name + ": " + Hdf5Error());
  return w;
}

}  // namespace

Result<KerasFile> KerasFile::Open(const std::string& path) {
  QuietHdf5 quiet;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return NotFound("failed to open " + path + ": no such file");
  const std::string context = "failed to read Keras model " + path;
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return InvalidArgument(context + ": not an HDF5 file (a Keras model is saved with model.save(\"x.h5\"))");
  }
  KerasFile f;
  f.path_ = path;
  f.file_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f.file_ < 0) return InvalidArgument(context + ": " + Hdf5Error());
  if (!HasAttribute(f.file_, "model_config")) {
    const bool weights_only = HasAttribute(f.file_, "layer_names");
    return InvalidArgument(context + (weights_only ? ": holds only weights (model.save_weights); save the whole model"
                                                   : ": no model_config attribute (not a Keras model)"));
  }
  Result<std::string> config = ReadString(f.file_, "model_config");
  if (!config.ok()) return config.status().WithContext(context);
  f.model_config_ = nlohmann::json::parse(*config, nullptr, /*allow_exceptions=*/false);
  if (f.model_config_.is_discarded() || !f.model_config_.is_object())
    return InvalidArgument(context + ": model_config is not a JSON object");
  for (auto [name, out] : {std::pair{"keras_version", &f.keras_version_}, std::pair{"backend", &f.backend_}}) {
    if (!HasAttribute(f.file_, name)) continue;
    Result<std::string> s = ReadString(f.file_, name);
    if (s.ok()) *out = *s;
  }
  if (H5Lexists(f.file_, "model_weights", H5P_DEFAULT) > 0) {
    f.weights_group_ = H5Gopen2(f.file_, "model_weights", H5P_DEFAULT);
    if (f.weights_group_ < 0) return InvalidArgument(context + ": cannot open model_weights: " + Hdf5Error());
    Result<std::vector<std::string>> names = ReadStringList(f.weights_group_, "layer_names");
    if (!names.ok()) return names.status().WithContext(context);
    f.layer_names_ = std::move(*names);
    if (f.keras_version_.empty() && HasAttribute(f.weights_group_, "keras_version")) {
      Result<std::string> s = ReadString(f.weights_group_, "keras_version");
      if (s.ok()) f.keras_version_ = *s;
    }
  }
  H5Eclear2(H5E_DEFAULT);
  return f;
}

KerasFile::KerasFile(KerasFile&& o) noexcept { *this = std::move(o); }

KerasFile& KerasFile::operator=(KerasFile&& o) noexcept {
  if (this == &o) return *this;
  std::swap(path_, o.path_);
  std::swap(file_, o.file_);
  std::swap(weights_group_, o.weights_group_);
  std::swap(model_config_, o.model_config_);
  std::swap(keras_version_, o.keras_version_);
  std::swap(backend_, o.backend_);
  std::swap(layer_names_, o.layer_names_);
  return *this;
}

KerasFile::~KerasFile() {
  QuietHdf5 quiet;
  if (weights_group_ >= 0) H5Gclose(weights_group_);
  if (file_ >= 0) H5Fclose(file_);
}

Result<std::vector<Weight>> KerasFile::LayerWeights(const std::string& layer) const {
  QuietHdf5 quiet;
  std::vector<Weight> out;
  if (weights_group_ < 0 || H5Lexists(weights_group_, layer.c_str(), H5P_DEFAULT) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return out;
  }
  const std::string context = "reading the weights of layer " + layer + " in " + path_;
  Handle group(H5Gopen2(weights_group_, layer.c_str(), H5P_DEFAULT));
  if (!group.ok()) return InvalidArgument(context + ": " + Hdf5Error());
  Result<std::vector<std::string>> names = ReadStringList(group.get(), "weight_names");
  if (!names.ok()) return names.status().WithContext(context);
  for (const std::string& name : *names) {
    Result<Weight> w = ReadWeight(group.get(), name);
    if (!w.ok()) return w.status().WithContext(context);
    out.push_back(std::move(*w));
  }
  return out;
}

}  // namespace litescope::keras
