#pragma once
// Routes of the homework-load reports (issue 7 point 5) and the JSON they answer with; the JSON builders are
// public so the golden-file tests compare exactly what a client receives.

#include "homework/report_service.hpp"
#include "http/json.hpp"
#include "http/router.hpp"

namespace kehou::homework {

/// GET /homework/reports/{summary,classes,weekly,export.xlsx} and /homework/alerts, all `homework:report:read`.
void RegisterHomeworkReportRoutes(http::Router& router, ReportService& reports);

http::json::object SummaryJson(const Summary& s);
http::json::object ClassesJson(const ClassesReport& c);
http::json::object WeeklyJson(const WeeklyReport& w);
http::json::object AlertsJson(const AlertsReport& a);

}  // namespace kehou::homework
