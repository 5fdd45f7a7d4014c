import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';

/** Every page is titled "<page> · TrustOps", so screen readers and tabs say where you are. */
@Injectable({ providedIn: 'root' })
export class TrustOpsTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const pageTitle = this.buildTitle(snapshot);
    this.title.setTitle(pageTitle ? `${pageTitle} · TrustOps` : 'TrustOps');
  }
}
