// Clients > Add producer / Add consumer: a small form whose client joins the run at
// the current moment, recorded like a live fault and saved as a client entry with
// `start:` (checked by the loader's rules for that entry; a refusal is shown here).
#include <array>
#include <cstring>

#include "viz/app/panels.h"

namespace kafkalab::viz {

namespace {

constexpr const char* form_popup = "Add a client";
constexpr const char* acks_choices[] = {"all", "1", "0"};

void text_field(const char* label, std::string& text) {
    std::array<char, 256> buffer{};
    std::strncpy(buffer.data(), text.c_str(), buffer.size() - 1);
    ImGui::InputText(label, buffer.data(), buffer.size());
    text = buffer.data();
}

void topic_field(FrameContext& frame, ClientForm& form) {
    const auto& topics = frame.session.scenario().topics;
    if (form.topic.empty() && !topics.empty()) form.topic = topics.front().name;
    if (ImGui::BeginCombo("topic", form.topic.c_str())) {
        for (const auto& topic : topics) {
            if (ImGui::Selectable(topic.name.c_str(), topic.name == form.topic)) form.topic = topic.name;
        }
        ImGui::EndCombo();
    }
}

}  // namespace

void open_client_form(UiState& ui, bool producer) {
    ui.client_form.producer = producer;
    ui.client_form.name.clear();
    ui.client_form.group_id.clear();
    ui.client_form_requested = true;
}

void draw_client_form(FrameContext& frame) {
    ClientForm& form = frame.ui.client_form;
    if (frame.ui.client_form_requested) {
        ImGui::OpenPopup(form_popup);
        frame.ui.client_form_requested = false;
    }
    if (!ImGui::BeginPopupModal(form_popup, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        return;
    }
    ImGui::Text("A %s joining at %s", form.producer ? "producer" : "consumer",
                sim::format_time(sim::Time{frame.session.now()}).c_str());
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    text_field("name (also its host)", form.name);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    topic_field(frame, form);
    if (form.producer) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        if (ImGui::BeginCombo("acks", form.acks.c_str())) {
            for (const char* acks : acks_choices) {
                if (ImGui::Selectable(acks, form.acks == acks)) form.acks = acks;
            }
            ImGui::EndCombo();
        }
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        ImGui::SliderInt("records per second", &form.records_per_second, 1, 100);
    } else {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        text_field("group id (empty: a random group)", form.group_id);
    }
    if (!frame.ui.client_form_error.empty()) {
        ImGui::TextColored(to_imvec4(okabe_ito::vermillion), "%s", frame.ui.client_form_error.c_str());
    }
    if (ImGui::Button("Add") && !form.name.empty()) {
        frame.commands.push_back(Command::inject(form.to_fault()));
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace kafkalab::viz
