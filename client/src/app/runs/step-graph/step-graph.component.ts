import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { StepRunView } from '@trustops/contracts';
import { map } from 'rxjs';
import { describeStepState, type Tone } from '../run-text';
import { layoutStepGraph, STEP_GRAPH_SIZES, wrapTitle } from './step-graph-layout';

/** The parts of a step the diagram draws. */
export type GraphStepView = Pick<
  StepRunView,
  'stepId' | 'title' | 'type' | 'needs' | 'state' | 'attempt' | 'maxAttempts'
>;

/*
 * Small outline glyphs drawn inside the diagram (24×24, stroked in the tone's colour), so that a
 * step's state shows as a shape and as words, never by colour alone.
 */
const CIRCLE = 'M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z';
const GLYPHS: Record<StepRunView['state'], string> = {
  pending: CIRCLE,
  queued: `${CIRCLE} M12 7v5l3.5 2`,
  running: `${CIRCLE} M10 8.5v7l5.5-3.5z`,
  waiting: 'M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9',
  succeeded: `${CIRCLE} M8 12.5l2.5 2.5 5.5-6`,
  failed: `${CIRCLE} M9 9l6 6M15 9l-6 6`,
  skipped: 'M5 12h14M13 6l6 6-6 6',
  cancelled: `${CIRCLE} M5.6 5.6l12.8 12.8`,
};

const PLAN_GLYPH = `${CIRCLE} M12 12h.01`;

interface NodeView {
  id: string;
  x: number;
  y: number;
  titleLines: string[];
  stateText: string;
  tone: Tone;
  state: StepRunView['state'] | 'plan';
  glyph: string;
  label: string;
  tooltip: string;
}

let nextGraphId = 0;

/** The smallest the diagram is drawn before it scrolls instead: text stays at 12px or more. */
const MIN_SCALE = 0.8;

/**
 * The run's steps as a diagram: boxes in columns from first to last, arrows from each step to the
 * steps waiting for it, each box showing its state with a colour, a glyph and words. Every box is
 * a button: Tab reaches them in reading order, Enter or Space picks one to see its details.
 */
@Component({
  selector: 'to-step-graph',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="graph-frame">
      <svg
        class="graph"
        xmlns="http://www.w3.org/2000/svg"
        role="group"
        [attr.aria-label]="ariaLabel()"
        [attr.viewBox]="'0 0 ' + layout().width + ' ' + layout().height"
        [attr.width]="layout().width"
        [attr.height]="layout().height"
        [style.max-width.px]="layout().width"
        [style.min-width.px]="minWidth()"
      >
        <defs>
          <marker
            [attr.id]="markerId"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="8"
            markerHeight="8"
            orient="auto-start-reverse"
          >
            <path d="M0 0 10 5 0 10z" class="arrowhead" />
          </marker>
        </defs>
        @for (edge of layout().edges; track edge.from + '>' + edge.to) {
          <path
            class="edge"
            [attr.d]="edge.path"
            [attr.data-from]="edge.from"
            [attr.data-to]="edge.to"
            [attr.marker-end]="'url(#' + markerId + ')'"
          />
        }
        @for (node of nodes(); track node.id) {
          <g
            class="node"
            role="button"
            tabindex="0"
            [attr.transform]="'translate(' + node.x + ' ' + node.y + ')'"
            [attr.data-step-id]="node.id"
            [attr.data-state]="node.state"
            [attr.data-tone]="node.tone"
            [attr.aria-label]="node.label"
            [attr.aria-pressed]="selected() === node.id"
            (click)="selectStep.emit(node.id)"
            (keydown.enter)="selectStep.emit(node.id)"
            (keydown.space)="$event.preventDefault(); selectStep.emit(node.id)"
            (keydown)="moveFocus($event)"
          >
            <title>{{ node.tooltip }}</title>
            <rect
              class="focus-ring outer"
              x="-8"
              y="-8"
              [attr.width]="sizes.nodeWidth + 16"
              [attr.height]="sizes.nodeHeight + 16"
              rx="13"
            />
            <rect
              class="focus-ring"
              x="-5"
              y="-5"
              [attr.width]="sizes.nodeWidth + 10"
              [attr.height]="sizes.nodeHeight + 10"
              rx="11"
            />
            <rect class="box" [attr.width]="sizes.nodeWidth" [attr.height]="sizes.nodeHeight" rx="8" />
            <rect class="band" width="8" [attr.height]="sizes.nodeHeight" rx="4" />
            <g class="glyph" transform="translate(18 12)">
              <path [attr.d]="node.glyph" />
            </g>
            @for (line of node.titleLines; track $index) {
              <text class="title" x="52" [attr.y]="26 + $index * 18">{{ line }}</text>
            }
            <text class="state" x="52" [attr.y]="sizes.nodeHeight - 12">{{ node.stateText }}</text>
          </g>
        }
      </svg>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }

    .graph-frame {
      overflow-x: auto;
      padding: 0.5rem;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    // The diagram shrinks to fit the page down to about four-fifths of its size (still readable),
    // and scrolls sideways beyond that.
    .graph {
      display: block;
      width: 100%;
      height: auto;
      font-family: inherit;
    }

    .edge {
      fill: none;
      stroke: var(--to-color-secondary-text);
      stroke-width: 2;
    }

    .arrowhead {
      fill: var(--to-color-secondary-text);
    }

    .node {
      cursor: pointer;
      outline: none;

      --tone: var(--to-color-secondary-text);
      --tint: var(--to-color-white);
    }

    .node[data-tone='success'] {
      --tone: var(--to-color-green);
      --tint: #e5f2ea;
    }

    .node[data-tone='failure'] {
      --tone: var(--to-color-red);
      --tint: #fbe9e7;
    }

    .node[data-tone='active'] {
      --tone: var(--to-color-blue);
      --tint: var(--to-color-pale-blue);
    }

    .node[data-tone='waiting'] {
      --tone: #8a5a00;
      --tint: #fff4d6;
    }

    .box {
      fill: var(--tint);
      stroke: var(--tone);
      stroke-width: 2;
    }

    .node[data-state='pending'] .box {
      stroke-dasharray: 6 4;
    }

    .band {
      fill: var(--tone);
    }

    .node[data-tone='waiting'] .band {
      fill: var(--to-color-warm-yellow);
    }

    .glyph path {
      fill: none;
      stroke: var(--tone);
      stroke-width: 2.25;
      stroke-linecap: round;
      stroke-linejoin: round;
    }

    .title {
      fill: var(--to-color-text);
      font-size: 15px;
      font-weight: 700;
    }

    .state {
      fill: var(--to-color-text);
      font-size: 13px;
    }

    .focus-ring {
      display: none;
      fill: none;
      stroke: var(--to-color-focus);
      stroke-width: 4;
    }

    .node:hover .box,
    .node[aria-pressed='true'] .box {
      stroke-width: 3.5;
    }

    .node[aria-pressed='true'] .box {
      stroke: var(--to-color-dark-blue);
    }

    // The NHS focus style: yellow, edged in dark.
    .focus-ring.outer {
      stroke: var(--to-color-text);
      stroke-width: 2;
    }

    .node:focus-visible .focus-ring {
      display: block;
    }
  `,
})
export class StepGraphComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly steps = input.required<readonly GraphStepView[]>();
  /** Topological levels of the step ids (`stepOrder` of the runbook). */
  readonly layers = input.required<readonly (readonly string[])[]>();
  readonly selected = input<string | null>(null);
  /**
   * A runbook's plan rather than a run: a caption per step (what it does) in place of its state,
   * and every box drawn alike.
   */
  readonly captions = input<Readonly<Record<string, string>> | undefined>(undefined);
  readonly selectStep = output<string>();

  protected readonly sizes = STEP_GRAPH_SIZES;
  protected readonly markerId = `to-step-graph-arrow-${nextGraphId++}`;

  /** On phones the diagram reads top to bottom, so that it scrolls the way the page does. */
  private readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 599.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly layout = computed(() =>
    layoutStepGraph(this.steps(), this.layers(), this.narrow() ? 'down' : 'right'),
  );
  protected readonly minWidth = computed(() => Math.round(this.layout().width * MIN_SCALE));

  protected readonly nodes = computed<NodeView[]>(() => {
    const steps = new Map(this.steps().map((step) => [step.stepId, step]));
    const total = this.layout().nodes.length;
    return this.layout().nodes.flatMap((node) => {
      const step = steps.get(node.id);
      if (!step) return [];
      const captions = this.captions();
      const state = describeStepState(step.state, step.type);
      const attempts =
        step.maxAttempts > 1 && step.attempt > 1 ? ` (attempt ${step.attempt} of ${step.maxAttempts})` : '';
      const stateText = captions ? (captions[node.id] ?? step.type) : `${state.text}${attempts}`;
      const asksPerson = step.type === 'approval' || step.type === 'input';
      const needs = step.needs.map((id) => `'${steps.get(id)?.title ?? id}'`);
      const order = needs.length === 0 ? 'Starts first.' : `Starts after ${joinWithAnd(needs)}.`;
      return [
        {
          id: node.id,
          x: node.x,
          y: node.y,
          titleLines: wrapTitle(step.title),
          stateText,
          tone: captions ? (asksPerson ? 'waiting' : 'neutral') : state.tone,
          state: captions ? 'plan' : step.state,
          glyph: captions
            ? asksPerson
              ? GLYPHS.waiting
              : PLAN_GLYPH
            : step.state === 'waiting' && !asksPerson
              ? GLYPHS.queued
              : GLYPHS[step.state],
          label: `Step ${node.order + 1} of ${total}: ${step.title}. ${stateText}. ${order}`,
          tooltip: `${step.title}: ${stateText}`,
        },
      ];
    });
  });

  /** Arrow keys move between steps in reading order, Home and End to the first and last. */
  protected moveFocus(event: KeyboardEvent): void {
    const nodes = [...this.host.nativeElement.querySelectorAll<SVGGElement>('g.node')];
    const current = nodes.indexOf(event.currentTarget as SVGGElement);
    const target = ((): number | undefined => {
      switch (event.key) {
        case 'ArrowRight':
        case 'ArrowDown':
          return Math.min(current + 1, nodes.length - 1);
        case 'ArrowLeft':
        case 'ArrowUp':
          return Math.max(current - 1, 0);
        case 'Home':
          return 0;
        case 'End':
          return nodes.length - 1;
        default:
          return undefined;
      }
    })();
    if (target === undefined || current < 0) return;
    event.preventDefault();
    nodes[target]?.focus();
  }

  protected readonly ariaLabel = computed(() => {
    const count = this.nodes().length;
    return `Diagram of the run's ${count} ${count === 1 ? 'step' : 'steps'}; choose a step to see its details, or move between steps with the arrow keys`;
  });
}

function joinWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
