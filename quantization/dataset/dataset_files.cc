// Dataset files into samples: listing folders, reading .npy / .npz arrays and decoding images,
// choosing samples by seed, and the notes reports show about all of it.
#include <algorithm>
#include <filesystem>
#include <map>
#include <numeric>
#include <random>

#include "quantization/dataset/classification.h"
#include "quantization/dataset/dataset_state.h"
#include "quantization/dataset/npz.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A message without the path it names (the skipped list prefixes every line with the path).
std::string Why(std::string message, const std::string& path) {
  for (const std::string& cut : {" " + path, path + ": ", path}) {
    if (size_t at = message.find(cut); at != std::string::npos) message.erase(at, cut.size());
  }
  return message;
}

// One usable unit before it is chosen: an image file, or sample `index` of a file's arrays.
struct Candidate {
  std::string path;
  int index = -1;  // -1: an image
  std::shared_ptr<const std::vector<NpyArray>> arrays;
  int batch = 1;
};

Status ListFiles(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!fs::exists(p, ec)) return NotFound("dataset path " + p + " does not exist");
    if (!fs::is_directory(p, ec)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    if (ec) return IoError("cannot list dataset folder " + p + ": " + ec.message());
    if (found.empty()) return InvalidArgument("dataset folder " + p + " holds no file");
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return Status::Ok();
}

std::string Sanitized(const std::string& name) {
  std::string s = name;
  for (char& c : s) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return s;
}

// The .npz members for the inputs: by input name (or its name with punctuation as '_'), else in order.
Result<std::vector<NpyArray>> MatchMembers(std::vector<NpzMember> members, const std::vector<InputSpec>& inputs) {
  std::vector<NpyArray> arrays;
  for (const InputSpec& in : inputs) {
    auto m = std::find_if(members.begin(), members.end(),
                          [&](const NpzMember& x) { return x.name == in.name || x.name == Sanitized(in.name); });
    if (m != members.end()) arrays.push_back(m->array);
  }
  if (arrays.size() == inputs.size()) return arrays;
  if (members.size() != inputs.size()) {
    std::string held, wanted;
    for (const NpzMember& m : members) held += (held.empty() ? "" : ", ") + m.name;
    for (const InputSpec& in : inputs) wanted += (wanted.empty() ? "" : ", ") + in.name;
    return InvalidArgument("holds arrays [" + held + "], the model's inputs are [" + wanted + "]");
  }
  arrays.clear();
  for (NpzMember& m : members) arrays.push_back(std::move(m.array));
  return arrays;
}

// A .npy or .npz file's arrays (one per input) and how many samples they hold.
Result<std::pair<std::vector<NpyArray>, int>> LoadArrays(const std::string& path, const std::string& ext,
                                                         const std::vector<InputSpec>& inputs) {
  std::vector<NpyArray> arrays;
  if (ext == ".npy") {
    if (inputs.size() != 1) {
      return InvalidArgument("a .npy file feeds a model with one input, this one has " + std::to_string(inputs.size()) +
                             " (give a .npz with one array per input)");
    }
    Result<NpyArray> a = ReadNpy(path);
    if (!a.ok()) return a.status();
    arrays.push_back(std::move(a).value());
  } else {
    Result<std::vector<NpzMember>> members = ReadNpz(path);
    if (!members.ok()) return members.status();
    Result<std::vector<NpyArray>> matched = MatchMembers(std::move(members).value(), inputs);
    if (!matched.ok()) return matched.status();
    arrays = std::move(matched).value();
  }
  int count = -1;
  for (size_t k = 0; k < arrays.size(); ++k) {
    Result<int> n = SamplesIn(arrays[k], inputs[k]);
    if (!n.ok()) return n.status();
    if (count >= 0 && *n != count) return InvalidArgument("its arrays hold different sample counts");
    count = *n;
  }
  return std::pair{std::move(arrays), count};
}

struct Collector {
  const DatasetSpec& spec;
  Dataset::State& state;
  std::map<std::string, int> labels;  // lower-case label -> class
  std::optional<ImageGeometry> geometry;
  std::string geometry_error;
  int unlabelled = 0;

  Status Prepare() {
    if (!spec.labels.empty()) {
      Result<std::vector<std::string>> read = LoadLabels(spec.labels);
      if (!read.ok()) return read.status();
      for (size_t i = 0; i < read->size(); ++i) labels.emplace(Lower((*read)[i]), static_cast<int>(i));
    }
    if (state.inputs.size() != 1) {
      geometry_error = "images feed a model with one image input, this one has " + std::to_string(state.inputs.size()) + " inputs";
      return Status::Ok();
    }
    Tensor probe;
    probe.name = state.inputs[0].name, probe.type = state.inputs[0].type, probe.shape = state.inputs[0].shape;
    Result<ImageGeometry> g = ImageInputGeometry(probe);
    if (g.ok()) geometry = *g;
    else geometry_error = "not usable as an image: " + g.status().message();
    return Status::Ok();
  }

  void AddFile(const std::string& path, std::vector<Candidate>& out) {
    const std::string ext = Lower(fs::path(path).extension().string());
    if (ext != ".npy" && ext != ".npz") {
      out.push_back({path, -1, nullptr, 1});
      return;
    }
    Result<std::pair<std::vector<NpyArray>, int>> loaded = LoadArrays(path, ext, state.inputs);
    if (!loaded.ok()) {
      state.notes.skipped.push_back(path + ": " + Why(loaded.status().message(), path));
      return;
    }
    auto arrays = std::make_shared<const std::vector<NpyArray>>(std::move(loaded->first));
    for (int k = 0; k < loaded->second; ++k) out.push_back({path, k, arrays, loaded->second});
  }

  // The sample for `c`, or false (and a line in notes.skipped) when it is not usable.
  bool Take(const Candidate& c, DatasetSample& sample) {
    if (c.index >= 0) {
      sample.name = fs::path(c.path).filename().string() + (c.batch > 1 ? "[" + std::to_string(c.index) + "]" : "");
      for (size_t k = 0; k < c.arrays->size(); ++k) {
        const NpyArray& a = (*c.arrays)[k];
        sample.arrays.push_back(c.batch > 1 || a.shape != state.inputs[k].shape ? SampleOf(a, c.index, state.inputs[k]) : a);
      }
      return true;
    }
    if (!geometry) {
      state.notes.skipped.push_back(c.path + ": the model's input is " + geometry_error);
      return false;
    }
    Result<Image> image = LoadImage(c.path, geometry->channels);
    if (!image.ok()) {
      state.notes.skipped.push_back(c.path + ": " + Why(image.status().message(), c.path));
      return false;
    }
    if (image->height != geometry->height || image->width != geometry->width) {
      sample.image = ResizeBilinearAntialiased(*image, geometry->height, geometry->width);
      ++state.notes.resized;
    } else {
      sample.image = std::move(image).value();
    }
    sample.name = fs::path(c.path).filename().string();
    if (!labels.empty()) {
      auto found = labels.find(Lower(fs::path(c.path).parent_path().filename().string()));
      sample.label = found == labels.end() ? -1 : found->second;
      unlabelled += found == labels.end();
    }
    return true;
  }

  void Note(bool images) {
    DatasetNotes& n = state.notes;
    n.used = static_cast<int>(state.samples.size());
    if (n.used < n.requested) {
      n.warnings.push_back("only " + std::to_string(n.used) + " usable samples for the " + std::to_string(n.requested) +
                           " requested: all of them are used");
    }
    if (!n.skipped.empty()) n.warnings.push_back(std::to_string(n.skipped.size()) + " files skipped (listed below)");
    if (n.resized > 0) {
      n.warnings.push_back(std::to_string(n.resized) + " images of another size resized to " + std::to_string(geometry->width) +
                           "x" + std::to_string(geometry->height) + " (Pillow-compatible bilinear)");
    }
    if (unlabelled > 0) {
      n.warnings.push_back(std::to_string(unlabelled) + " images are in a folder whose name is not in " + spec.labels +
                           ": no label, left out of accuracy");
    }
    if (images && spec.preprocess.empty()) {
      n.warnings.push_back("no preprocessing spec given: images fed as " +
                           (state.preprocess_spec.empty() ? std::string("raw pixels") : state.preprocess_spec) +
                           " (set it with --preprocess if the model was trained otherwise)");
    }
  }
};

}  // namespace

Status CollectSamples(const DatasetSpec& spec, Dataset::State& state) {
  std::vector<std::string> files;
  LITESCOPE_RETURN_IF_ERROR(ListFiles(spec.paths, files));
  Collector collector{spec, state, {}, std::nullopt, {}, 0};
  LITESCOPE_RETURN_IF_ERROR(collector.Prepare());
  std::vector<Candidate> candidates;
  for (const std::string& f : files) collector.AddFile(f, candidates);

  // More than asked: a seeded random choice, reported in the original (sorted) order.
  std::vector<size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), 0);
  if (candidates.size() > static_cast<size_t>(spec.samples)) std::shuffle(order.begin(), order.end(), std::mt19937(spec.seed));
  std::vector<std::pair<size_t, DatasetSample>> taken;
  bool images = false;
  for (size_t i : order) {
    if (taken.size() == static_cast<size_t>(spec.samples)) break;
    DatasetSample sample;
    if (!collector.Take(candidates[i], sample)) continue;
    images |= sample.image.channels > 0;
    taken.emplace_back(i, std::move(sample));
  }
  if (taken.empty()) {
    std::string why;
    for (size_t i = 0; i < state.notes.skipped.size() && i < 3; ++i) why += "\n  " + state.notes.skipped[i];
    if (state.notes.skipped.size() > 3) why += "\n  (" + std::to_string(state.notes.skipped.size() - 3) + " more)";
    std::string where;
    for (const std::string& p : spec.paths) where += (where.empty() ? "" : ", ") + p;
    return InvalidArgument("no usable sample in " + where + ":" + why);
  }
  std::sort(taken.begin(), taken.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [i, sample] : taken) state.samples.push_back(std::move(sample));
  collector.Note(images);
  return Status::Ok();
}

}  // namespace litescope
