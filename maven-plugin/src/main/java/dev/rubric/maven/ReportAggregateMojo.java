package dev.rubric.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import org.apiguardian.api.API;

/**
 * One report over every module of a multi-module build, as JaCoCo's report-aggregate: declared in a module that
 * depends on the others (so that Maven builds it after them), it reads their results files and its own and writes one
 * page, with a row per module and the module of each test. See docs/maven-plugin.md, "Multi-module builds".
 */
@Mojo(name = "report-aggregate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
@API(status = API.Status.INTERNAL, since = "0.1")
public class ReportAggregateMojo extends ReportMojo {

    @Override
    boolean aggregate() {
        return true;
    }
}
