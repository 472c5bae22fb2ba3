package dev.moonlight.aot;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * At build time ({@code spring-boot:process-aot}), once Spring has evaluated every
 * condition, writes what a boot could decide otherwise to
 * {@value RecordedConditions#RESOURCE} for {@link AotConditionsGuard}. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
public final class AotConditionsRecorder implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		RecordedConditions recorded = RecordedConditions.of(beanFactory.getBean(Environment.class),
				ConditionEvaluationReport.get(beanFactory),
				new DefaultResourceLoader(beanFactory.getBeanClassLoader()));
		return (generationContext, code) -> generationContext.getGeneratedFiles()
			.addResourceFile(RecordedConditions.RESOURCE, recorded.text());
	}

}
