#include "app/studio/model_tab.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "app/core/graph_export.h"
#include "app/studio/graph_view.h"
#include "app/studio/panels.h"
#include "app/studio/tensor_viewer.h"

namespace litescope {
namespace {

constexpr int kSliderSteps = 100;

// Runs on a worker thread: load (unless `model` is given), then build the scene.
SceneJobResult RunSceneJob(std::string path, std::shared_ptr<const Model> model, std::shared_ptr<const OpMetadata> metadata,
                           int subgraph, SceneOptions options, std::shared_ptr<std::atomic<bool>> cancel,
                           std::shared_ptr<std::atomic<int>> permille) {
  SceneJobResult r;
  if (!model) {
    Result<std::unique_ptr<Model>> loaded = Model::Load(path);
    if (!loaded.ok()) {
      r.status = loaded.status();
      return r;
    }
    model = std::shared_ptr<const Model>(std::move(loaded).value());
    r.estimate = EstimateRuntime(*model);
  }
  r.model = model;
  if (!metadata) {
    Result<OpMetadata> loaded = OpMetadata::LoadBuiltIn();
    if (!loaded.ok()) {
      r.status = loaded.status();
      return r;
    }
    metadata = std::make_shared<const OpMetadata>(std::move(loaded).value());
  }
  r.metadata = metadata;
  SceneProgress job{cancel.get(), [permille](double p) { permille->store(static_cast<int>(p * 1000)); }};
  Result<std::shared_ptr<const GraphScene>> scene = GraphScene::Build(*model, subgraph, options, *metadata, job);
  if (!scene.ok()) r.status = scene.status();
  else r.scene = std::move(scene).value();
  return r;
}

}  // namespace

ModelTab::ModelTab(QString path, SceneOptions options, QWidget* parent)
    : QWidget(parent), path_(std::move(path)), options_(options) {
  pages_ = new QStackedWidget;
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(pages_);

  // Page 0: progress while loading.
  auto* loading = new QWidget;
  auto* ll = new QVBoxLayout(loading);
  ll->addStretch();
  progress_label_ = new QLabel(tr("Loading %1…").arg(path_));
  progress_label_->setAlignment(Qt::AlignCenter);
  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  progress_->setMaximumWidth(420);
  auto* cancel = new QPushButton(tr("Cancel"));
  ll->addWidget(progress_label_);
  ll->addWidget(progress_, 0, Qt::AlignHCenter);
  ll->addWidget(cancel, 0, Qt::AlignHCenter);
  ll->addStretch();
  pages_->addWidget(loading);
  connect(cancel, &QPushButton::clicked, this, &ModelTab::Cancel);

  // Page 1: graph and panels.
  auto* main = new QWidget;
  auto* ml = new QVBoxLayout(main);
  ml->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(6, 4, 6, 0);
  subgraphs_ = new QComboBox;
  bar->addWidget(new QLabel(tr("Subgraph")));
  bar->addWidget(subgraphs_);
  bar->addStretch();
  threshold_label_ = new QLabel;
  threshold_ = new QSlider(Qt::Horizontal);
  threshold_->setRange(0, kSliderSteps);
  threshold_->setMaximumWidth(200);
  threshold_->setToolTip(tr("Fade the nodes whose overlay value is below this threshold"));
  bar->addWidget(threshold_label_);
  bar->addWidget(threshold_);
  threshold_label_->hide();
  threshold_->hide();
  ml->addLayout(bar);
  auto* split = new QSplitter;
  view_ = new GraphView;
  side_ = new QTabWidget;
  node_panel_ = new QTextBrowser;
  node_panel_->setOpenLinks(false);
  node_panel_->setPlaceholderText(tr("Click a node to see its operator, options and tensors."));
  model_panel_ = new QTextBrowser;
  side_->addTab(node_panel_, tr("Node"));
  side_->addTab(model_panel_, tr("Model"));
  split->addWidget(view_);
  split->addWidget(side_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  split->setSizes({960, 440});
  ml->addWidget(split);
  pages_->addWidget(main);

  connect(&watcher_, &QFutureWatcher<SceneJobResult>::finished, this, &ModelTab::Finished);
  connect(view_, &GraphView::nodeSelected, this, &ModelTab::ShowNode);
  connect(view_, &GraphView::nodeActivated, this, [this](int node) {
    const GraphNode& n = scene_->graph().nodes[static_cast<size_t>(node)];
    if (!n.subgraphs.empty()) ShowSubgraph(n.subgraphs.front());
  });
  connect(node_panel_, &QTextBrowser::anchorClicked, this, &ModelTab::OpenLink);
  connect(subgraphs_, &QComboBox::activated, this, [this](int index) { ShowSubgraph(index); });
  connect(threshold_, &QSlider::valueChanged, this, &ModelTab::UpdateThreshold);
  Start(0);
}

ModelTab::~ModelTab() {
  Cancel();
  watcher_.waitForFinished();
}

void ModelTab::Cancel() {
  if (cancel_) cancel_->store(true);
}

void ModelTab::Start(int subgraph) {
  Cancel();
  watcher_.waitForFinished();
  subgraph_ = subgraph;
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  auto permille = std::make_shared<std::atomic<int>>(0);
  progress_->setValue(0);
  pages_->setCurrentIndex(0);
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, [this, permille] { progress_->setValue(permille->load()); });
  connect(&watcher_, &QFutureWatcher<SceneJobResult>::finished, timer, &QObject::deleteLater);
  timer->start(50);
  watcher_.setFuture(QtConcurrent::run(RunSceneJob, path_.toStdString(), model_, metadata_, subgraph, options_, cancel_, permille));
}

void ModelTab::Finished() {
  SceneJobResult r = watcher_.result();
  if (!r.status.ok()) {
    if (r.status.code() == StatusCode::kCancelled && scene_) {  // back to the previous scene
      pages_->setCurrentIndex(1);
      return;
    }
    error_ = QString::fromStdString(r.status.message());
    progress_label_->setText(error_);
    progress_->hide();
    emit failed(error_);
    return;
  }
  const bool first = !model_;
  model_ = r.model;
  metadata_ = r.metadata;
  scene_ = r.scene;
  if (first) {
    model_panel_->setHtml(ModelHtml(*model_, *r.estimate));
    for (int i = 0; i < model_->subgraph_count(); ++i) {
      const std::string_view name = model_->subgraph(i).name();
      subgraphs_->addItem(QStringLiteral("%1%2").arg(i).arg(name.empty() ? QString() : " · " + QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()))));
    }
  }
  subgraphs_->setCurrentIndex(subgraph_);
  pages_->setCurrentIndex(1);
  view_->SetScene(scene_);
  if (overlay_ && overlay_->subgraph == subgraph_) view_->SetOverlay(overlay_, threshold_->value());
  else view_->SetOverlay(nullptr, 0);
  node_panel_->clear();
  matches_.clear();
  match_ = -1;
  emit statusMessage(tr("%1 nodes, %2 edges, %3 ranks, %4 crossings")
                         .arg(scene_->graph().nodes.size())
                         .arg(scene_->graph().edges.size())
                         .arg(scene_->layout().ranks)
                         .arg(scene_->layout().crossings));
  emit loaded();
}

void ModelTab::ShowSubgraph(int subgraph) {
  if (!model_ || subgraph < 0 || subgraph >= model_->subgraph_count()) return;
  Start(subgraph);
}

void ModelTab::SetSceneOptions(SceneOptions options) {
  options_ = options;
  if (model_) Start(subgraph_);
}

void ModelTab::SelectNode(int node) {
  view_->SetSelected(node);
  ShowNode(node);
}

void ModelTab::ShowNode(int node) {
  if (!scene_ || node < 0) {
    node_panel_->clear();
    return;
  }
  QString html = NodeHtml(*model_, *scene_, node, *metadata_);
  const GraphNode& n = scene_->graph().nodes[static_cast<size_t>(node)];
  if (overlay_ && overlay_->subgraph == subgraph_ && overlay_->values.contains(n.op))
    html += QStringLiteral("<h3>Overlay</h3><p>%1: <b>%2 %3</b></p>")
                .arg(QString::fromStdString(overlay_->title).toHtmlEscaped())
                .arg(overlay_->values.at(n.op), 0, 'g', 5)
                .arg(QString::fromStdString(overlay_->unit).toHtmlEscaped());
  node_panel_->setHtml(html);
  side_->setCurrentWidget(node_panel_);
}

void ModelTab::OpenLink(const QUrl& url) {
  const QString s = url.toString();
  if (s.startsWith("subgraph:")) {
    ShowSubgraph(s.mid(9).toInt());
    return;
  }
  if (!s.startsWith("tensor:") || !model_ || !scene_) return;
  const TensorView t = model_->subgraph(scene_->graph().subgraph).tensor(s.mid(7).toInt());
  if (!t.is_constant()) {
    QMessageBox::information(this, tr("Tensor"), tr("Tensor %1 is computed when the model runs; only constant tensors have values to show.").arg(t.index()));
    return;
  }
  auto* viewer = new TensorViewer(t, this);
  viewer->setAttribute(Qt::WA_DeleteOnClose);
  viewer->show();
}

int ModelTab::Search(const QString& text, bool regex) {
  matches_.clear();
  match_ = -1;
  std::vector<char> hit;
  if (scene_ && !text.isEmpty()) {
    const QRegularExpression re(regex ? text : QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption);
    if (!re.isValid()) {
      emit statusMessage(tr("invalid regular expression: %1").arg(re.errorString()));
      view_->SetHighlighted({});
      return 0;
    }
    const SubgraphView sg = model_->subgraph(scene_->graph().subgraph);
    auto tensor_matches = [&](std::span<const int32_t> tensors) {
      for (int32_t t : tensors) {
        if (t < 0) continue;
        const std::string_view name = sg.tensor(t).name();
        if (re.match(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()))).hasMatch()) return true;
      }
      return false;
    };
    hit.assign(scene_->graph().nodes.size(), 0);
    for (size_t i = 0; i < scene_->graph().nodes.size(); ++i) {
      const GraphNode& n = scene_->graph().nodes[i];
      bool found = re.match(QString::fromStdString(n.title)).hasMatch();
      if (!found && n.kind == GraphNode::Kind::kOperator)
        found = tensor_matches(sg.op(n.op).inputs()) || tensor_matches(sg.op(n.op).outputs());
      if (found) {
        hit[i] = 1;
        matches_.push_back(static_cast<int>(i));
      }
    }
  }
  view_->SetHighlighted(std::move(hit));
  if (!matches_.empty()) NextMatch(1);
  else emit statusMessage(text.isEmpty() ? QString() : tr("no match for %1").arg(text));
  return static_cast<int>(matches_.size());
}

void ModelTab::NextMatch(int step) {
  if (matches_.empty()) return;
  const int n = static_cast<int>(matches_.size());
  match_ = ((match_ + step) % n + n) % n;
  const int node = matches_[static_cast<size_t>(match_)];
  SelectNode(node);
  view_->CenterOn(node);
  emit statusMessage(tr("match %1 of %2").arg(match_ + 1).arg(n));
}

Status ModelTab::LoadOverlay(const QString& file) {
  Result<Overlay> o = ReadOverlay(file.toStdString());
  if (!o.ok()) return o.status();
  overlay_ = std::make_shared<const Overlay>(std::move(o).value());
  threshold_label_->show();
  threshold_->show();
  threshold_->setValue(0);
  if (overlay_->subgraph != subgraph_) ShowSubgraph(overlay_->subgraph);
  else UpdateThreshold();
  return Status::Ok();
}

void ModelTab::ClearOverlay() {
  overlay_.reset();
  threshold_label_->hide();
  threshold_->hide();
  view_->SetOverlay(nullptr, 0);
}

void ModelTab::UpdateThreshold() {
  if (!overlay_) return;
  const double t = overlay_->min + (overlay_->max - overlay_->min) * threshold_->value() / kSliderSteps;
  threshold_label_->setText(tr("show ≥ %1 %2").arg(t, 0, 'g', 4).arg(QString::fromStdString(overlay_->unit)));
  view_->SetOverlay(overlay_, t);
}

Status ModelTab::Export(const QString& file) const {
  if (!scene_) return InvalidArgument("nothing to export: the model is not loaded");
  PaintState state;
  state.overlay = overlay_ && overlay_->subgraph == subgraph_ ? overlay_.get() : nullptr;
  return ExportGraph(*scene_, state, file.toStdString());
}

}  // namespace litescope
