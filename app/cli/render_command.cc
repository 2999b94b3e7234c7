// litescope-cli render: the desktop app's graph view as SVG or PNG, headless (Qt's offscreen
// platform), for CI pipelines and documentation.
#include <QGuiApplication>
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/core/graph_export.h"
#include "app/core/overlay.h"
#include "engine/model/model.h"

namespace litescope::cli {
namespace {

constexpr const char* kUsage =
    "usage: litescope-cli render MODEL -o graph.svg|graph.png [--subgraph N] [--overlay FILE] [--direction tb|lr] "
    "[--constants]\n";

int Fail(const Status& s) {
  std::fprintf(stderr, "error: %s\n", s.message().c_str());
  return 1;
}

}  // namespace

int RenderCommand(int argc, char** argv) {
  Args args(argc, argv);
  const std::optional<std::string> out = args.Value({"-o", "--output"});
  const std::optional<std::string> subgraph_text = args.Value("--subgraph");
  const std::optional<std::string> overlay_path = args.Value("--overlay");
  const std::string direction = args.Value("--direction").value_or("tb");
  const bool constants = args.Flag("--constants");
  Status s = args.Finish(1, 1);
  if (s.ok() && !out) s = InvalidArgument("-o FILE is required");
  if (s.ok() && direction != "tb" && direction != "lr") s = InvalidArgument("--direction must be tb or lr");
  int subgraph = 0;
  if (s.ok() && subgraph_text) {
    try {
      subgraph = std::stoi(*subgraph_text);
    } catch (const std::exception&) {
      s = InvalidArgument("--subgraph wants an index, not '" + *subgraph_text + "'");
    }
  }
  if (!s.ok()) {
    std::fprintf(stderr, "render: %s\n%s", s.message().c_str(), kUsage);
    return 2;
  }

  // Fonts need a QGuiApplication; the offscreen platform needs no display.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  int qt_argc = 1;
  char* qt_argv[] = {argv[0], nullptr};
  QGuiApplication app(qt_argc, qt_argv);

  Result<std::unique_ptr<Model>> model = Model::Load(args.positional()[0]);
  if (!model.ok()) return Fail(model.status());
  Result<OpMetadata> metadata = OpMetadata::LoadBuiltIn();
  if (!metadata.ok()) return Fail(metadata.status());
  std::optional<Overlay> overlay;
  if (overlay_path) {
    Result<Overlay> o = ReadOverlay(*overlay_path);
    if (!o.ok()) return Fail(o.status());
    overlay = std::move(o).value();
    if (!subgraph_text) subgraph = overlay->subgraph;
  }
  SceneOptions options;
  options.direction = direction == "lr" ? LayoutDirection::kLeftToRight : LayoutDirection::kTopToBottom;
  options.show_constants = constants;
  Result<std::shared_ptr<const GraphScene>> scene = GraphScene::Build(**model, subgraph, options, *metadata, {});
  if (!scene.ok()) return Fail(scene.status());
  PaintState state;
  if (overlay) state.overlay = &*overlay;
  if (Status written = ExportGraph(**scene, state, *out); !written.ok()) return Fail(written);
  const GraphScene& g = **scene;
  std::printf("%s: subgraph %d, %zu nodes, %zu edges, %d ranks, %ld crossings, %.0fx%.0f px\n", out->c_str(), subgraph,
              g.graph().nodes.size(), g.graph().edges.size(), g.layout().ranks, g.layout().crossings, g.layout().width,
              g.layout().height);
  return 0;
}

}  // namespace litescope::cli
